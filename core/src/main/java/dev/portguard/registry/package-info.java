/**
 * Running instances: one small JSON file per running application instance, and the discovery client that other
 * processes use to find them. Plain Java, free of Spring.
 */
@NullMarked
package dev.portguard.registry;

import org.jspecify.annotations.NullMarked;
