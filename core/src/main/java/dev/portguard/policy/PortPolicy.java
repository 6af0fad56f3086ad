package dev.portguard.policy;

import java.util.BitSet;
import java.util.Iterator;
import java.util.NoSuchElementException;

import org.jspecify.annotations.Nullable;

/**
 * The ordered, distinct candidate ports of one {@link PortRequest}: the sticky port (the one bound last time), if
 * any, then the preferred port, the alternatives, the consecutive ports after the preferred one, and the range.
 */
public final class PortPolicy implements Iterable<PortPolicy.Step> {

	private final PortRequest request;

	/**
	 * Create the policy of a request.
	 * @param request the request
	 */
	public PortPolicy(PortRequest request) {
		this.request = request;
	}

	/**
	 * Return the request this policy serves.
	 * @return the request
	 */
	public PortRequest getRequest() {
		return this.request;
	}

	/**
	 * Iterate the candidates lazily, each port once; a random or disabled request has none.
	 * @return the candidates in the order they are tried
	 */
	@Override
	public Iterator<Step> iterator() {
		return new StepIterator(this.request);
	}

	/**
	 * One candidate of a policy.
	 *
	 * @param port the port
	 * @param source where in the policy the port comes from
	 */
	public record Step(int port, CandidateSource source) {
	}

	private static final class StepIterator implements Iterator<Step> {

		private final PortRequest request;

		private final BitSet seen = new BitSet(PortValues.MAX_PORT + 1);

		private CandidateSource phase = CandidateSource.STICKY;

		private CandidateSource source = CandidateSource.PREFERRED;

		private int index;

		private @Nullable Step next;

		StepIterator(PortRequest request) {
			this.request = request;
			this.next = request.isFixed() ? advance() : null;
		}

		@Override
		public boolean hasNext() {
			return this.next != null;
		}

		@Override
		public Step next() {
			Step step = this.next;
			if (step == null) {
				throw new NoSuchElementException();
			}
			this.next = advance();
			return step;
		}

		private @Nullable Step advance() {
			while (true) {
				int port = nextPort();
				if (port == Integer.MIN_VALUE) {
					return null;
				}
				if (port >= 1 && port <= PortValues.MAX_PORT && !this.seen.get(port)) {
					this.seen.set(port);
					return new Step(port, this.source);
				}
			}
		}

		private int nextPort() {
			int preferred = this.request.requested();
			while (true) {
				switch (this.phase) {
					case STICKY -> {
						this.phase = CandidateSource.PREFERRED;
						if (this.request.sticky() > 0) {
							this.source = CandidateSource.STICKY;
							return this.request.sticky();
						}
					}
					case PREFERRED -> {
						this.phase = CandidateSource.ALTERNATIVE;
						this.source = CandidateSource.PREFERRED;
						this.index = 0;
						return preferred;
					}
					case ALTERNATIVE -> {
						if (this.index < this.request.alternatives().size()) {
							this.source = CandidateSource.ALTERNATIVE;
							return this.request.alternatives().get(this.index++);
						}
						this.phase = CandidateSource.NEXT;
						this.index = 1;
					}
					case NEXT -> {
						if (this.index < this.request.maxAttempts() && preferred + this.index <= PortValues.MAX_PORT) {
							this.source = CandidateSource.NEXT;
							return preferred + this.index++;
						}
						this.phase = CandidateSource.RANGE;
						this.index = 0;
					}
					case RANGE -> {
						PortRange range = this.request.range();
						if (range != null && range.first() + this.index <= range.last()) {
							this.source = CandidateSource.RANGE;
							return range.first() + this.index++;
						}
						this.phase = CandidateSource.EPHEMERAL;
					}
					default -> {
						return Integer.MIN_VALUE;
					}
				}
			}
		}

	}

}
