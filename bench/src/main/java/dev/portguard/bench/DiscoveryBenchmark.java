package dev.portguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.portguard.cloud.PortguardDiscoveryClient;
import dev.portguard.registry.Instance;
import dev.portguard.registry.InstanceRegistry;
import dev.portguard.registry.ThisMachine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.simple.InstanceProperties;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClient;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;

/**
 * {@code getInstances(serviceId)}, on the path of every load-balanced call, with 50 registered instances: portguard's
 * discovery client on a real registry directory (1 s cache, so its directory reads are part of the measurement)
 * against Spring Cloud's {@code SimpleDiscoveryClient} on static configuration, the floor; and, to show what the
 * cache saves, portguard's client reading the directory on every call. Run {@link #main} for all three and the ratio
 * of the medians.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DiscoveryBenchmark {

	private static final String SERVICE = "orders";

	private static final int INSTANCES = 50;

	private Path directory;

	private PortguardDiscoveryClient portguard;

	private PortguardDiscoveryClient uncached;

	private SimpleDiscoveryClient simple;

	@Setup(Level.Trial)
	public void register() throws IOException {
		this.directory = Files.createTempDirectory("portguard-discovery-bench");
		InstanceRegistry registry = InstanceRegistry.at(this.directory);
		ProcessHandle self = ProcessHandle.current();
		Instant start = self.info().startInstant().orElseThrow();
		List<InstanceProperties> configured = new ArrayList<>();
		for (int i = 0; i < INSTANCES; i++) {
			int port = 20000 + i;
			registry.register(new Instance(SERVICE, SERVICE + "-" + i, self.pid(), start, ThisMachine.host(), "user",
					Map.of("server", port, "management", port + 1000), "http://127.0.0.1:" + port, Instant.now(),
					null));
			InstanceProperties instance = new InstanceProperties();
			instance.setInstanceId(SERVICE + "-" + i);
			instance.setServiceId(SERVICE);
			instance.setUri(java.net.URI.create("http://127.0.0.1:" + port));
			instance.setMetadata(Map.of("management.port", Integer.toString(port + 1000)));
			configured.add(instance);
		}
		this.portguard = new PortguardDiscoveryClient(registry, Duration.ofSeconds(1), Integer.MAX_VALUE);
		this.uncached = new PortguardDiscoveryClient(registry, Duration.ZERO, Integer.MAX_VALUE);
		if (this.portguard.getInstances(SERVICE).size() != INSTANCES) {
			throw new IllegalStateException("The registry did not list " + INSTANCES + " instances");
		}
		SimpleDiscoveryProperties properties = new SimpleDiscoveryProperties();
		properties.setInstances(Map.of(SERVICE, configured));
		properties.afterPropertiesSet();
		this.simple = new SimpleDiscoveryClient(properties);
	}

	@TearDown(Level.Trial)
	public void delete() throws IOException {
		try (var files = Files.walk(this.directory)) {
			for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	@Benchmark
	public List<ServiceInstance> portguardGetInstances() {
		return this.portguard.getInstances(SERVICE);
	}

	@Benchmark
	public List<ServiceInstance> portguardGetInstancesUncached() {
		return this.uncached.getInstances(SERVICE);
	}

	@Benchmark
	public List<ServiceInstance> simpleGetInstances() {
		return this.simple.getInstances(SERVICE);
	}

	/**
	 * Run both benchmarks and print the ratio of portguard's median to the floor's (goal: at most 2).
	 * @param args not used
	 * @throws RunnerException if JMH fails
	 */
	public static void main(String[] args) throws RunnerException {
		Collection<RunResult> results = new Runner(new OptionsBuilder().include(DiscoveryBenchmark.class.getName())
			.forks(1)
			.warmupIterations(3)
			.warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
			.measurementIterations(8)
			.measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
			.build()).run();
		double portguard = Double.NaN;
		double uncached = Double.NaN;
		double simple = Double.NaN;
		for (RunResult result : results) {
			List<Double> scores = new ArrayList<>();
			result.getBenchmarkResults()
				.forEach((benchmark) -> benchmark.getIterationResults()
					.forEach((iteration) -> scores.add(iteration.getPrimaryResult().getScore())));
			scores.sort(null);
			double median = (scores.get((scores.size() - 1) / 2) + scores.get(scores.size() / 2)) / 2;
			String name = result.getParams().getBenchmark();
			if (name.endsWith(".portguardGetInstances")) {
				portguard = median;
			}
			else if (name.endsWith(".portguardGetInstancesUncached")) {
				uncached = median;
			}
			else {
				simple = median;
			}
		}
		System.out.printf("getInstances with %d instances, median: portguard %.1f ns, SimpleDiscoveryClient %.1f ns, "
				+ "ratio %.2f (goal <= 2); without the cache (a directory read per call) %.0f ns%n", INSTANCES,
				portguard, simple, portguard / simple, uncached);
	}

}
