/**
 * Where the library's time goes: {@link org.jfrthreads.benchmarks.profile.DispatchProfile} samples
 * the stack of the event stream's dispatch thread under a workload and sorts the samples into
 * parts. A {@code main}, not JMH: it prints a Markdown section. Single-threaded apart from its own
 * sampler thread; nothing here is used by the library.
 */
package org.jfrthreads.benchmarks.profile;
