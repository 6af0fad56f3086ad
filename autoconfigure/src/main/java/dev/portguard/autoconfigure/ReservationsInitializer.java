package dev.portguard.autoconfigure;

import java.util.List;
import java.util.Set;

import dev.portguard.policy.ManagedPorts;
import dev.portguard.policy.Resolution;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Releases the ports portguard holds at the last moment before their owners bind them, and every one of them if
 * start-up fails or the context closes. Added to the application by the environment post-processor, so it works
 * whether or not the auto-configuration runs.
 */
final class ReservationsInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/**
	 * One phase before Boot's {@code WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE}, where the main web
	 * server binds.
	 */
	static final int SERVER_RELEASE_PHASE = SmartLifecycle.DEFAULT_PHASE - 2048 - 1;

	/**
	 * One phase before Boot's {@code ChildManagementContextInitializer}, which refreshes the management context
	 * and so binds the management server.
	 */
	static final int MANAGEMENT_RELEASE_PHASE = SmartLifecycle.DEFAULT_PHASE - 1024 - 512 - 1;

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		PortguardPropertySource source = PortguardPropertySource.find(context.getEnvironment());
		if (source == null) {
			return;
		}
		ManagedPorts ports = source.getPorts();
		context.addBeanFactoryPostProcessor(new CustomPortsRelease(ports, source.getOwnerReleased()));
		context.addApplicationListener((ApplicationListener<ContextRefreshedEvent>) (event) -> {
			if (event.getApplicationContext() == context) {
				ports.releaseAll();
			}
		});
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		register(beanFactory, "portguardServerPortRelease",
				new PortRelease(ports, PortRequests.SERVER, SERVER_RELEASE_PHASE));
		register(beanFactory, "portguardManagementPortRelease",
				new PortRelease(ports, PortRequests.MANAGEMENT, MANAGEMENT_RELEASE_PHASE));
	}

	private static void register(ConfigurableListableBeanFactory beanFactory, String name, PortRelease release) {
		beanFactory.registerSingleton(name, release);
		// A manual singleton is not destroyed with the context unless registered as disposable; a refresh that
		// fails destroys the disposable beans, and that must free every port held.
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			registry.registerDisposableBean(name, release);
		}
	}

	/**
	 * Releases the ports of custom named ports before any bean exists: the application binds them itself, at a
	 * moment portguard does not control (a bean's constructor or init method), and that bind must never fail on
	 * portguard's own reservation. Ports whose owner releases them itself ({@code owner-releases}) stay held until
	 * the owner calls {@link ManagedPorts#release(String)}, or at the latest until the context is refreshed.
	 */
	private record CustomPortsRelease(ManagedPorts ports, Set<String> ownerReleased)
			implements BeanFactoryPostProcessor {

		@Override
		public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
			List<Resolution> resolutions = this.ports.report().resolutions();
			for (Resolution resolution : resolutions) {
				if (!resolution.name().equals(PortRequests.SERVER)
						&& !resolution.name().equals(PortRequests.MANAGEMENT)
						&& !this.ownerReleased.contains(resolution.name())) {
					this.ports.release(resolution.name());
				}
			}
		}

	}

	/**
	 * Releases one server's port in the lifecycle phase right before that server binds, and every port when the
	 * context is destroyed (a failed start-up destroys it too).
	 */
	static final class PortRelease implements SmartLifecycle, DisposableBean {

		private final ManagedPorts ports;

		private final String name;

		private final int phase;

		private volatile boolean running;

		PortRelease(ManagedPorts ports, String name, int phase) {
			this.ports = ports;
			this.name = name;
			this.phase = phase;
		}

		@Override
		public void start() {
			this.ports.release(this.name);
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return this.phase;
		}

		@Override
		public void destroy() {
			this.ports.releaseAll();
		}

	}

}
