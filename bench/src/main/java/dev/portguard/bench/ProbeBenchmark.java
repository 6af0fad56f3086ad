package dev.portguard.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import dev.portguard.policy.PortProbe;
import dev.portguard.policy.ProbeResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Probe cost: one availability check of a free port by portguard, against the physical floor, a raw
 * {@link ServerSocket} bind and close of the same address.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProbeBenchmark {

	private InetAddress loopback;

	private int port;

	private final PortProbe probe = PortProbe.bind();

	@Setup
	public void findFreePort() throws IOException {
		this.loopback = InetAddress.getByName("127.0.0.1");
		try (ServerSocket socket = new ServerSocket(0, 1, this.loopback)) {
			this.port = socket.getLocalPort();
		}
	}

	@Benchmark
	public ProbeResult portguardProbe() {
		return this.probe.probe(this.loopback, this.port);
	}

	@Benchmark
	public int rawBindAndClose() throws IOException {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(this.loopback, this.port), 1);
			return socket.getLocalPort();
		}
	}

}
