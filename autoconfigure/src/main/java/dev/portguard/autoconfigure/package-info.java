/**
 * Spring wiring of portguard: the environment post-processor that resolves ports before the server binds, the
 * configuration properties and the auto-configuration.
 */
@NullMarked
package dev.portguard.autoconfigure;

import org.jspecify.annotations.NullMarked;
