package org.jfrthreads.cli;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.net.MalformedURLException;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** Another JVM to watch, and how to open a JMX connection to it. */
sealed interface JvmTarget {

  /**
   * What it is, for messages and the {@code target} label: {@code 127.0.0.1:9010}, {@code pid
   * 1234}.
   */
  String description();

  /**
   * Opens a new connection; the caller closes it.
   *
   * @throws IOException when the JVM cannot be reached now (it may be reachable later)
   */
  JMXConnector connect() throws IOException;

  /** A JVM started with {@code -Dcom.sun.management.jmxremote.port=PORT}, without TLS or login. */
  record Jmx(String host, int port) implements JvmTarget {

    /** Parses {@code host:port} or {@code [::1]:port}. */
    static Jmx parse(String address) {
      int colon = address.lastIndexOf(':');
      if (colon <= 0 || colon == address.length() - 1) {
        throw new IllegalArgumentException(
            address + ": illegal JMX address. Expecting HOST:PORT, for example 127.0.0.1:9010.");
      }
      String host = address.substring(0, colon);
      int port = WatchOptions.number("--jmx", address.substring(colon + 1), 1, 65535);
      return new Jmx(host, port);
    }

    @Override
    public String description() {
      return host + ":" + port;
    }

    @Override
    public JMXConnector connect() throws IOException {
      JMXServiceURL url;
      try {
        url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + description() + "/jmxrmi");
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException(description() + ": illegal JMX address (" + e + ")", e);
      }
      return JMXConnectorFactory.connect(url);
    }
  }

  /**
   * A JVM of this machine and user, by process id: attached to start its local management agent
   * (JMX on the loopback only), whose address is then connected to.
   */
  record Pid(long pid) implements JvmTarget {

    @Override
    public String description() {
      return "pid " + pid;
    }

    @Override
    public JMXConnector connect() throws IOException {
      String address;
      try {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
          address = vm.startLocalManagementAgent();
        } finally {
          vm.detach();
        }
      } catch (AttachNotSupportedException e) {
        throw new IOException(
            "cannot attach to process "
                + pid
                + " ("
                + AttachCommand.printable(e.getMessage())
                + "): is it a running JVM"
                + " of the same user?",
            e);
      }
      return JMXConnectorFactory.connect(new JMXServiceURL(address));
    }
  }
}
