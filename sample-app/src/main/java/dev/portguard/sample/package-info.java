/**
 * A small web service that shows portguard: a greeting on the server port and a TCP echo listener on a second,
 * managed port.
 */
@NullMarked
package dev.portguard.sample;

import org.jspecify.annotations.NullMarked;
