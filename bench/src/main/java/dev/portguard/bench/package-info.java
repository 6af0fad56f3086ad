/**
 * JMH benchmarks of portguard's probe and scan against raw socket binds.
 */
package dev.portguard.bench;
