package dev.portguard.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.portguard.policy.PortProbe;
import dev.portguard.policy.PortRequest;
import dev.portguard.policy.PortResolver;
import dev.portguard.policy.WhenExhausted;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Scan cost: resolving a port whose first 100 candidates are held by listeners, against 100 raw bind attempts
 * followed by the one that succeeds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScanBenchmark {

	private static final int BUSY = 100;

	private final List<ServerSocket> held = new ArrayList<>();

	private InetAddress loopback;

	private int base;

	@Setup(Level.Trial)
	public void holdPorts() throws IOException {
		this.loopback = InetAddress.getByName("127.0.0.1");
		for (int attempt = 0; attempt < 100 && this.held.isEmpty(); attempt++) {
			int candidate = 30000 + (int) (Math.random() * 20000);
			List<ServerSocket> sockets = new ArrayList<>();
			try {
				for (int i = 0; i < BUSY; i++) {
					sockets.add(new ServerSocket(candidate + i, 1, this.loopback));
				}
				try (ServerSocket free = new ServerSocket(candidate + BUSY, 1, this.loopback)) {
					this.base = candidate;
				}
				this.held.addAll(sockets);
			}
			catch (IOException ex) {
				for (ServerSocket socket : sockets) {
					socket.close();
				}
			}
		}
		if (this.held.isEmpty()) {
			throw new IllegalStateException("No block of " + (BUSY + 1) + " free ports");
		}
	}

	@TearDown(Level.Trial)
	public void releasePorts() throws IOException {
		for (ServerSocket socket : this.held) {
			socket.close();
		}
	}

	@Benchmark
	public int portguardResolution() {
		PortRequest request = new PortRequest("server", "server.port", this.base, this.loopback, List.of(), BUSY + 1,
				null, WhenExhausted.FAIL);
		return new PortResolver(PortProbe.bind(), false).resolve(List.of(request)).get(0).resolved();
	}

	@Benchmark
	public int rawBindAttempts() throws IOException {
		for (int port = this.base; port <= this.base + BUSY; port++) {
			try (ServerSocket socket = new ServerSocket()) {
				socket.setReuseAddress(true);
				socket.bind(new InetSocketAddress(this.loopback, port), 1);
				return port;
			}
			catch (IOException ex) {
				// In use: try the next one.
			}
		}
		throw new IllegalStateException("No free port");
	}

}
