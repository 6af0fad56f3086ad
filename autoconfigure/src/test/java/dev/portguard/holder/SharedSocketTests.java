package dev.portguard.holder;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.portguard.testsupport.Sockets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the holder lookup when several processes share one listening socket, as a pre-forking server's parent
 * and workers do: a real Python parent that listens and forks two children.
 */
class SharedSocketTests {

	private static final String PRE_FORKING_SERVER = """
			import os, socket, sys, time
			s = socket.socket(); s.bind(('127.0.0.1', int(sys.argv[1]))); s.listen(8)
			children = []
			for _ in range(2):
			    pid = os.fork()
			    if pid == 0:
			        time.sleep(120)
			        os._exit(0)
			    children.append(pid)
			print(' '.join(str(c) for c in children), flush=True)
			time.sleep(120)
			""";

	private final List<Long> pids = new ArrayList<>();

	private Process parent;

	@AfterEach
	void stop() {
		this.pids.forEach((pid) -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
		if (this.parent != null) {
			this.parent.destroyForcibly();
		}
	}

	@Test
	void everyProcessSharingTheListeningSocketIsNamed() throws Exception {
		int port = Sockets.freeBlock(1);
		this.parent = new ProcessBuilder("python3", "-c", PRE_FORKING_SERVER, String.valueOf(port))
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		this.pids.add(this.parent.pid());
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(this.parent.getInputStream(), StandardCharsets.UTF_8))) {
			for (String child : out.readLine().trim().split(" ")) {
				this.pids.add(Long.parseLong(child));
			}
		}
		HolderLookup lookup = PortHolderLocator.forThisMachine().locate(port);
		assertThat(lookup.status()).isEqualTo(HolderLookup.Status.FOUND);
		assertThat(lookup.holders()).extracting(PortHolder::pid).containsExactlyInAnyOrderElementsOf(this.pids);
		assertThat(lookup.holders()).extracting(PortHolder::listening).containsOnly("127.0.0.1:" + port);
	}

}
