/**
 * Spring Cloud discovery backed by portguard's instance registry: services on one machine find each other on
 * whatever ports they got.
 */
@NullMarked
package dev.portguard.cloud;

import org.jspecify.annotations.NullMarked;
