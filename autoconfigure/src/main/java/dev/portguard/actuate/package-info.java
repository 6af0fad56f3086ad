/**
 * Run time: the {@code ports} actuator endpoint and its HTML dashboard, the {@code ports} health contribution, and
 * the port metrics.
 */
@NullMarked
package dev.portguard.actuate;

import org.jspecify.annotations.NullMarked;
