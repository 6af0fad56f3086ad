/**
 * Failure analysis: what went wrong with a port, in facts and values, and the remedies for this machine.
 */
@NullMarked
package dev.portguard.diagnostics;

import org.jspecify.annotations.NullMarked;
