package dev.portguard.policy;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Every managed port's {@link Resolution} from one start-up, with the policy facts that applied.
 *
 * @param auto whether auto-port was on
 * @param resolutions one record per managed port, in resolution order
 * @param note why portguard stood down, if it did, or {@code null}
 */
public record ResolutionReport(boolean auto, List<Resolution> resolutions, @Nullable String note) {

	/**
	 * Create a report, copying the records.
	 * @param auto whether auto-port was on
	 * @param resolutions one record per managed port
	 * @param note why portguard stood down, if it did
	 */
	public ResolutionReport {
		resolutions = List.copyOf(resolutions);
	}

	/**
	 * Return the record of one managed port.
	 * @param name the managed port's name
	 * @return the record, if that port is managed
	 */
	public Optional<Resolution> find(String name) {
		return this.resolutions.stream().filter((resolution) -> resolution.name().equals(name)).findFirst();
	}

}
