/**
 * The {@code portguard} command: which instances run where, who holds a port, and starting a server when none
 * runs. Plain Java on portguard's core, free of Spring.
 */
@NullMarked
package dev.portguard.cli;

import org.jspecify.annotations.NullMarked;
