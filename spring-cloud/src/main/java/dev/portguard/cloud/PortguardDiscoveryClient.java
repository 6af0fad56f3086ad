package dev.portguard.cloud;

import java.time.Duration;
import java.util.List;

import dev.portguard.registry.InstanceRegistry;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.core.Ordered;

/**
 * A {@link DiscoveryClient} of the instances in portguard's registry on this machine: service id =
 * {@code spring.application.name}, host and port = the instance's base URL, the port its server really bound.
 * <p>
 * The registry is read with its usual trust checks, at most once per time to live, so that a load-balanced call
 * costs a map lookup; an instance that stops is dropped at the latest after that time.
 */
public class PortguardDiscoveryClient implements DiscoveryClient {

	private final PortguardServiceInstances instances;

	private final int order;

	/**
	 * Create a client.
	 * @param registry the registry to read
	 * @param cacheTtl how long a read of the registry is served
	 * @param order the order among discovery clients; {@link Ordered#LOWEST_PRECEDENCE} to be asked last
	 */
	public PortguardDiscoveryClient(InstanceRegistry registry, Duration cacheTtl, int order) {
		this(new PortguardServiceInstances(registry, cacheTtl), order);
	}

	PortguardDiscoveryClient(PortguardServiceInstances instances, int order) {
		this.instances = instances;
		this.order = order;
	}

	@Override
	public String description() {
		return "portguard instance registry (" + this.instances.getRegistry().getDirectory() + ")";
	}

	@Override
	public List<ServiceInstance> getInstances(String serviceId) {
		return this.instances.instances(serviceId);
	}

	@Override
	public List<String> getServices() {
		return this.instances.services();
	}

	@Override
	public int getOrder() {
		return this.order;
	}

}
