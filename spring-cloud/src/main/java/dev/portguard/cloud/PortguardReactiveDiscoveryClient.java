package dev.portguard.cloud;

import java.time.Duration;

import dev.portguard.registry.InstanceRegistry;
import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.core.Ordered;

/**
 * A {@link ReactiveDiscoveryClient} of the instances in portguard's registry on this machine, as
 * {@link PortguardDiscoveryClient}; Spring Cloud LoadBalancer asks this one when reactive discovery is on (the
 * default where Reactor is on the class path).
 */
public class PortguardReactiveDiscoveryClient implements ReactiveDiscoveryClient {

	private final PortguardServiceInstances instances;

	private final int order;

	/**
	 * Create a client.
	 * @param registry the registry to read
	 * @param cacheTtl how long a read of the registry is served
	 * @param order the order among discovery clients; {@link Ordered#LOWEST_PRECEDENCE} to be asked last
	 */
	public PortguardReactiveDiscoveryClient(InstanceRegistry registry, Duration cacheTtl, int order) {
		this(new PortguardServiceInstances(registry, cacheTtl), order);
	}

	PortguardReactiveDiscoveryClient(PortguardServiceInstances instances, int order) {
		this.instances = instances;
		this.order = order;
	}

	@Override
	public String description() {
		return "portguard instance registry (" + this.instances.getRegistry().getDirectory() + ")";
	}

	@Override
	public Flux<ServiceInstance> getInstances(String serviceId) {
		return Flux.defer(() -> Flux.fromIterable(this.instances.instances(serviceId)));
	}

	@Override
	public Flux<String> getServices() {
		return Flux.defer(() -> Flux.fromIterable(this.instances.services()));
	}

	@Override
	public int getOrder() {
		return this.order;
	}

}
