package dev.portguard.holder;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link PortHolderLocator} found out about one port.
 *
 * @param port the port
 * @param status what was found
 * @param holders the processes that hold the port, first the listening ones
 * @param owner the user that owns the socket, when the process itself cannot be seen
 * @param detail why the holder is unknown or not visible, for people
 * @param manualCommand the command that shows the holder on this operating system, with the privileges it needs
 * @param excludedRange the range of ports the operating system keeps from applications that holds the port, if
 * that is why it is taken
 */
public record HolderLookup(int port, Status status, List<PortHolder> holders, @Nullable String owner,
		@Nullable String detail, String manualCommand, @Nullable ExcludedPortRange excludedRange) {

	/**
	 * Create a lookup result, copying the holders.
	 * @param port the port
	 * @param status what was found
	 * @param holders the processes that hold the port
	 * @param owner the user that owns the socket
	 * @param detail why the holder is unknown
	 * @param manualCommand the command that shows the holder
	 */
	public HolderLookup {
		holders = List.copyOf(holders);
	}

	/**
	 * Create a lookup result that involves no excluded range.
	 * @param port the port
	 * @param status what was found
	 * @param holders the processes that hold the port
	 * @param owner the user that owns the socket
	 * @param detail why the holder is unknown
	 * @param manualCommand the command that shows the holder
	 */
	public HolderLookup(int port, Status status, List<PortHolder> holders, @Nullable String owner,
			@Nullable String detail, String manualCommand) {
		this(port, status, holders, owner, detail, manualCommand, null);
	}

	/**
	 * Keep the holders whose listening address collides with a bind of the given address.
	 * @param address the address the bind asks for, or {@code null} for every interface
	 * @return this lookup, or one with the other holders left out; when none is left, a lookup that says the
	 * port's listeners hold other addresses
	 */
	public HolderLookup conflictingWith(@Nullable InetAddress address) {
		if (address == null || this.holders.isEmpty()) {
			return this;
		}
		List<PortHolder> conflicting = new ArrayList<>();
		StringBuilder others = new StringBuilder();
		for (PortHolder holder : this.holders) {
			if (BindConflicts.conflicts(holder.listening(), address)) {
				conflicting.add(holder);
			}
			else {
				others.append((others.length() > 0) ? ", " : "").append(holder.listening());
			}
		}
		if (conflicting.size() == this.holders.size()) {
			return this;
		}
		if (!conflicting.isEmpty()) {
			return new HolderLookup(this.port, this.status, conflicting, this.owner, this.detail, this.manualCommand,
					this.excludedRange);
		}
		return new HolderLookup(this.port, Status.NOT_VISIBLE, List.of(), null,
				"the listeners seen on port " + this.port + " (" + others + ") hold other addresses than "
						+ address.getHostAddress() + "; the socket in the way is not visible to this user",
				this.manualCommand, this.excludedRange);
	}

	/**
	 * Return the first holder, preferring a listening one.
	 * @return the holder, or {@code null}
	 */
	public @Nullable PortHolder holder() {
		return this.holders.isEmpty() ? null : this.holders.get(0);
	}

	/**
	 * What a lookup found.
	 */
	public enum Status {

		/**
		 * The holding process is known.
		 */
		FOUND,

		/**
		 * A socket holds the port, but its process is not visible to this user (another user's process, seen
		 * without privilege).
		 */
		NOT_VISIBLE,

		/**
		 * No socket holds the port right now.
		 */
		FREE,

		/**
		 * The lookup failed or took too long.
		 */
		UNKNOWN,

		/**
		 * No process holds the port: the operating system keeps it from applications (a Windows excluded port
		 * range).
		 */
		EXCLUDED

	}

}
