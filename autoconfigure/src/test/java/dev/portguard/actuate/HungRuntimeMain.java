package dev.portguard.actuate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.portguard.holder.HolderLookup;
import dev.portguard.holder.PortHolderLocator;

/**
 * Started by {@link HungContainerRuntimeTests} with a {@code docker} on its {@code PATH} that never answers: looks up
 * a container runtime proxy's port directly and through the live view, and prints what it saw.
 */
public final class HungRuntimeMain {

	private HungRuntimeMain() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		Path pids = Path.of(args[1]);
		PortHolderLocator locator = PortHolderLocator.forThisMachine(Duration.ofSeconds(2));
		HolderLookup lookup = locator.locate(port);
		System.out.println("LOCATE " + lookup.status() + " " + ((lookup.holder() != null) ? lookup.holder().pid() : -1)
				+ " " + lookup.detail());
		LiveView view = new LiveView(locator, Duration.ofMillis(1), Clock.systemUTC());
		LiveView.Snapshot first = view.snapshot(List.of(port));
		System.out.println("FIRST " + first.state() + " " + first.holders().get(port).holder().pid());
		// The view now asks the runtime in the background; wait until that question hangs, then ask the view again.
		long waitUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < waitUntil && (!Files.exists(pids) || Files.readAllLines(pids).size() < 6)) {
			Thread.sleep(20);
		}
		Thread.sleep(200);
		LiveView.Snapshot second = view.snapshot(List.of(port));
		boolean runtimeStillHanging = false;
		for (String pid : Files.readAllLines(pids)) {
			runtimeStillHanging |= ProcessHandle.of(Long.parseLong(pid.trim())).map(ProcessHandle::isAlive).orElse(false);
		}
		System.out.println("SECOND " + second.state() + " " + second.holders().get(port).holder().pid()
				+ " runtime-still-hanging=" + runtimeStillHanging);
		// Let the background question time out and its processes be stopped before this JVM ends.
		Thread.sleep(3000);
		System.out.println("DONE");
	}

}
