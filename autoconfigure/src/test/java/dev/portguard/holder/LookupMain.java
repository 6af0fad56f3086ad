package dev.portguard.holder;

/**
 * Looks up one port's holder and prints the status and detail; started by tests under another user.
 */
public final class LookupMain {

	private LookupMain() {
	}

	public static void main(String[] args) {
		HolderLookup lookup = PortHolderLocator.forThisMachine().locate(Integer.parseInt(args[0]));
		System.out.println(lookup.status() + " " + lookup.detail() + " | " + lookup.manualCommand());
	}

}
