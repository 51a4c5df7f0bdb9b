package org.jfrthreads.cli.internal.demo;

/**
 * The demo's command-line options.
 *
 * @param host the address to serve /metrics on
 * @param port its port
 * @param seconds how long to run, 0 for until Ctrl-C
 */
record DemoOptions(String host, int port, long seconds) {}
