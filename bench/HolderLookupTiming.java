import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.portguard.holder.HolderLookup;
import dev.portguard.holder.PortHolderLocator;

/**
 * Times portguard's holder lookup of one port inside a running JVM: the first (cold) call, then repeated calls.
 * Run by holder_lookup.py with the compiled classes of portguard-spring-boot on the class path.
 */
public class HolderLookupTiming {

	public static void main(String[] args) {
		int port = Integer.parseInt(args[0]);
		int repeats = Integer.parseInt(args[1]);
		long expectedPid = Long.parseLong(args[2]);
		PortHolderLocator locator = PortHolderLocator.forThisMachine();
		List<Long> micros = new ArrayList<>();
		for (int i = 0; i <= repeats; i++) {
			long start = System.nanoTime();
			HolderLookup lookup = locator.locate(port);
			long elapsed = (System.nanoTime() - start) / 1000;
			if (lookup.holder() == null || lookup.holder().pid() != expectedPid) {
				throw new IllegalStateException("wrong holder: " + lookup);
			}
			micros.add(elapsed);
		}
		long cold = micros.remove(0);
		if (micros.isEmpty()) {
			micros.add(cold);
		}
		Collections.sort(micros);
		System.out.println(cold + " " + micros.get(0) + " " + micros.get(micros.size() / 2) + " "
				+ micros.get(micros.size() - 1));
	}

}
