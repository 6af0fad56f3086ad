package dev.portguard.holder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a table as PowerShell's {@code Format-Table} prints it: a header row, a row of dashes under each column's
 * name, then one row per object. A column runs from the start of its dashes to the start of the next column's (a
 * value may be wider than its heading, as {@code Established} under {@code State}), so values with spaces and empty
 * cells (such as {@code Get-NetTCPConnection}'s {@code AppliedSetting}) stay in their column; the last column runs to
 * the end of the line. Column names are property names, and {@code Get-NetTCPConnection}'s {@code State} an
 * enumeration: both are English in every Windows language.
 */
final class PowerShellTable {

	private PowerShellTable() {
	}

	/**
	 * Parse every row of the first table in the output.
	 * @param output what PowerShell printed
	 * @return one map per row, from column name to trimmed cell text
	 */
	static List<Map<String, String>> parse(String output) {
		String[] lines = output.split("\\R");
		List<Map<String, String>> rows = new ArrayList<>();
		for (int i = 1; i < lines.length; i++) {
			if (isRule(lines[i]) && !lines[i - 1].isBlank()) {
				List<int[]> columns = columns(lines[i]);
				List<String> names = new ArrayList<>();
				for (int[] column : columns) {
					names.add(cell(lines[i - 1], column[0], column[1]));
				}
				for (int j = i + 1; j < lines.length && !lines[j].isBlank(); j++) {
					Map<String, String> row = new LinkedHashMap<>();
					for (int c = 0; c < columns.size(); c++) {
						int end = (c + 1 < columns.size()) ? columns.get(c + 1)[0] : Integer.MAX_VALUE;
						row.put(names.get(c), cell(lines[j], columns.get(c)[0], end));
					}
					rows.add(row);
				}
				return rows;
			}
		}
		return rows;
	}

	private static boolean isRule(String line) {
		String trimmed = line.trim();
		return !trimmed.isEmpty() && trimmed.chars().allMatch((c) -> c == '-' || c == ' ');
	}

	private static List<int[]> columns(String rule) {
		List<int[]> columns = new ArrayList<>();
		int i = 0;
		while (i < rule.length()) {
			if (rule.charAt(i) == '-') {
				int start = i;
				while (i < rule.length() && rule.charAt(i) == '-') {
					i++;
				}
				columns.add(new int[] { start, i });
			}
			else {
				i++;
			}
		}
		return columns;
	}

	private static String cell(String line, int start, int end) {
		if (start >= line.length()) {
			return "";
		}
		return line.substring(start, Math.min(line.length(), end)).trim();
	}

}
