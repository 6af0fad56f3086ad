package dev.portguard.autoconfigure;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.portguard.policy.BindFailures;
import dev.portguard.policy.ManagedPorts;
import dev.portguard.policy.PortProbe;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.NativeDetector;
import org.springframework.core.convert.support.ConfigurableConversionService;
import org.springframework.core.env.AbstractEnvironment;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Runs portguard's resolution once, on a throwaway configuration, in a background thread while Boot reads the
 * configuration files, so that the real resolution finds its classes loaded and its sockets initialized.
 * <p>
 * Nearly all the cost of the first resolution in a JVM is first use: loading portguard's classes and the JDK's
 * socket channel and address classes, linking lambdas, taking Boot's property lookup path for the first time. Boot's
 * own background pre-initialization starts only after every environment post-processor ran, too late for this one,
 * so this one starts when Boot instantiates the post-processor, while the configuration files are still being read.
 * Like Boot's, it runs only with more than one processor and honours {@code spring.backgroundpreinitializer.ignore}.
 * It also learns this system's words for the bind errors ({@link BindFailures#learnSystemTexts()}).
 */
final class ResolutionBackgroundPreinitializer implements Runnable {

	/**
	 * Boot's switch for its own background pre-initialization, honoured here too.
	 */
	static final String IGNORE_PROPERTY = "spring.backgroundpreinitializer.ignore";

	private static final AtomicBoolean started = new AtomicBoolean();

	private final PortProbe probe;

	ResolutionBackgroundPreinitializer(PortProbe probe) {
		this.probe = probe;
	}

	/**
	 * Start the pre-initialization, once per JVM, unless it would not help.
	 * @param probe the probe the real resolution uses
	 */
	static void start(PortProbe probe) {
		if (!isEnabled() || !started.compareAndSet(false, true)) {
			return;
		}
		try {
			Thread thread = new Thread(new ResolutionBackgroundPreinitializer(probe), "portguard-preinit");
			thread.setDaemon(true);
			thread.start();
		}
		catch (RuntimeException ex) {
			// A platform that forbids threads: the resolution warms up in the foreground instead.
		}
	}

	/**
	 * Return whether pre-initializing in the background helps here.
	 * @return whether it is enabled
	 */
	static boolean isEnabled() {
		return !NativeDetector.inNativeImage() && !Boolean.getBoolean(IGNORE_PROPERTY)
				&& Runtime.getRuntime().availableProcessors() > 1;
	}

	@Override
	public void run() {
		try {
			InetAddress loopback = InetAddress.getLoopbackAddress();
			// A port the kernel has just handed out is nobody's preferred port; it is held for microseconds.
			int port = this.probe.ephemeralPort(loopback);
			if (port <= 0) {
				return;
			}
			Map<String, Object> settings = new LinkedHashMap<>();
			settings.put("portguard.auto", "true");
			settings.put("portguard.ports.preinit.property", "preinit.port");
			settings.put("portguard.ports.preinit.address", "${preinit.address}");
			settings.put("portguard.ports.preinit.owner-releases", "true");
			settings.put("preinit.port", String.valueOf(port));
			settings.put("preinit.address", loopback.getHostAddress());
			// Looked up the way Boot's application environment looks properties up: through the attached
			// configuration property sources and a conversion service (Boot's binder creates the shared one anyway).
			ConfigurableEnvironment environment = new AbstractEnvironment() {
			};
			environment.getPropertySources().addFirst(new MapPropertySource("portguard-preinit", settings));
			if (ApplicationConversionService.getSharedInstance() instanceof ConfigurableConversionService conversion) {
				environment.setConversionService(conversion);
			}
			ConfigurationPropertySources.attach(environment);
			PortguardProperties properties = PortguardPropertiesReader.read(environment);
			PortRequests requests = PortRequests.read(properties, environment, false, false);
			ManagedPorts ports = ManagedPorts.resolve(requests.requests(), this.probe);
			ports.report();
			ports.releaseAll();
			ports.onMove(new PortMoveAnnouncer(new PortguardPropertySource(Map.of(), ports, Set.of())));
			new ReservationsInitializer();
			// Last, so that it does not delay the resolution warm-up: on a system that does not speak English, a
			// port found taken is then told from the other bind failures without provoking anything.
			BindFailures.learnSystemTexts();
		}
		catch (Throwable ex) {
			// Only a warm-up: the real resolution reports whatever goes wrong.
		}
	}

}
