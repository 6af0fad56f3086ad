package dev.portguard.holder;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code netsh interface ipv4 show excludedportrange protocol=tcp}: its headings are in the user's language,
 * its rows are two numbers, the first and last port of a range, and a {@code *} when an administrator reserved it.
 */
final class NetshOutput {

	private static final Pattern ROW = Pattern.compile("^\\s*(\\d{1,5})\\s+(\\d{1,5})\\s*(\\*)?\\s*$");

	private NetshOutput() {
	}

	static List<ExcludedPortRange> excludedRanges(String output) {
		List<ExcludedPortRange> ranges = new ArrayList<>();
		for (String line : output.split("\\R")) {
			Matcher row = ROW.matcher(line);
			if (row.matches()) {
				int start = Integer.parseInt(row.group(1));
				int end = Integer.parseInt(row.group(2));
				if (start <= end && end <= 65535) {
					ranges.add(new ExcludedPortRange(start, end, row.group(3) != null));
				}
			}
		}
		return ranges;
	}

}
