/**
 * Who holds a port: one locator per operating system, process details, and the container behind a container
 * runtime's proxy. Plain Java, free of Spring.
 */
@NullMarked
package dev.portguard.holder;

import org.jspecify.annotations.NullMarked;
