/**
 * Choosing ports: the candidates a policy offers, probing them exactly as a server binds, and the
 * resolution record kept for every managed port. Plain Java, free of Spring.
 */
@NullMarked
package dev.portguard.policy;

import org.jspecify.annotations.NullMarked;
