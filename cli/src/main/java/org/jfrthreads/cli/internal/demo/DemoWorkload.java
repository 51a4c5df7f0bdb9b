package org.jfrthreads.cli.internal.demo;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A small application whose threads do everything jfr-threads watches: platform threads that come
 * and go, virtual threads, a contended monitor, lock and queue parking, {@code Object.wait},
 * sleeps, pinned virtual threads, and a slow thread leak.
 *
 * <p>Every thread it starts is a daemon, so it stops with the JVM. Not thread-safe: start and stop
 * from one thread.
 */
final class DemoWorkload implements AutoCloseable {

  private final List<Thread> loops = new ArrayList<>();
  private volatile boolean running = true;

  /** Starts all activities and returns. */
  public void start() {
    loop("demo-request-spawner", this::spawnRequestThreads);
    loop("demo-virtual-spawner", this::spawnVirtualTasks);
    for (int i = 0; i < 3; i++) {
      loop("demo-inventory-" + i, Inventory::reserve);
    }
    BlockingQueue<Integer> orders = new ArrayBlockingQueue<>(16);
    loop("demo-order-producer", () -> OrderQueue.produce(orders));
    loop("demo-order-consumer", () -> OrderQueue.consume(orders));
    loop("demo-mailbox-reader", Mailbox::awaitMessage);
    loop("demo-mailbox-writer", Mailbox::post);
    loop("demo-poller", Poller::poll);
    loop("demo-config-loader", ConfigLoader::loadFreshConfig);
    loop("demo-session-opener", SessionRegistry::openSession);
    for (int i = 0; i < QuoteFeed.SUBSCRIBERS; i++) {
      loops.add(Thread.ofVirtual().name("demo-quote-subscriber-" + i).start(this::subscribe));
    }
  }

  // Long-lived virtual threads beside the short ones, so that a thread dump always finds some.
  private void subscribe() {
    while (running) {
      try {
        QuoteFeed.awaitQuote();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void loop(String name, Activity activity) {
    Thread thread =
        Thread.ofPlatform()
            .daemon()
            .name(name)
            .start(
                () -> {
                  while (running) {
                    try {
                      activity.runOnce();
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
    loops.add(thread);
  }

  /** Short-lived platform threads, each a "request" living 50 to 500 ms. */
  private void spawnRequestThreads() throws InterruptedException {
    RequestHandler.handleInNewThread(ThreadLocalRandom.current().nextInt(50, 500));
    TimeUnit.MILLISECONDS.sleep(200);
  }

  /** A hundred virtual threads every 100 ms, each sleeping 20 to 50 ms. */
  private void spawnVirtualTasks() throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      Thread.ofVirtual().start(DemoWorkload::fetchQuote);
    }
    TimeUnit.MILLISECONDS.sleep(100);
  }

  private static void fetchQuote() {
    try {
      TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextInt(20, 50));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    loops.forEach(Thread::interrupt);
  }

  @FunctionalInterface
  private interface Activity {
    void runOnce() throws InterruptedException;
  }

  /** A steady number of virtual threads waiting for quotes: live for as long as the demo runs. */
  static final class QuoteFeed {
    static final int SUBSCRIBERS = 20;

    static void awaitQuote() throws InterruptedException {
      TimeUnit.MILLISECONDS.sleep(500);
    }
  }

  /** Platform threads per request: the creation site is {@code handleInNewThread}. */
  static final class RequestHandler {
    static void handleInNewThread(int millis) {
      Thread.ofPlatform()
          .daemon()
          .name("demo-request")
          .start(
              () -> {
                try {
                  TimeUnit.MILLISECONDS.sleep(millis);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
    }
  }

  /** A monitor held 15 to 30 ms at a time by three threads: monitor_enter on Inventory. */
  static final class Inventory {
    private static final Inventory STOCK = new Inventory();

    static void reserve() throws InterruptedException {
      synchronized (STOCK) {
        TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextInt(15, 30));
      }
    }
  }

  /** A producer slower than its consumer: the consumer parks in the queue's ReentrantLock. */
  static final class OrderQueue {
    static void produce(BlockingQueue<Integer> orders) throws InterruptedException {
      TimeUnit.MILLISECONDS.sleep(50);
      orders.put(1);
    }

    static void consume(BlockingQueue<Integer> orders) throws InterruptedException {
      orders.take();
    }
  }

  /** {@code Object.wait} until a message is posted every 100 ms: monitor_wait on Mailbox. */
  static final class Mailbox {
    private static final Mailbox BOX = new Mailbox();
    private static boolean full;

    static void awaitMessage() throws InterruptedException {
      synchronized (BOX) {
        while (!full) {
          BOX.wait();
        }
        full = false;
      }
    }

    static void post() throws InterruptedException {
      TimeUnit.MILLISECONDS.sleep(100);
      synchronized (BOX) {
        full = true;
        BOX.notifyAll();
      }
    }
  }

  /** Sleeps of 25 ms between polls: sleep by Poller. */
  static final class Poller {
    static void poll() throws InterruptedException {
      TimeUnit.MILLISECONDS.sleep(25);
    }
  }

  /**
   * A virtual thread that initializes a class whose static initializer blocks. A class initializer
   * pins the virtual thread to its carrier on every JDK so far, and JFR reports it as {@code
   * jdk.VirtualThreadPinned}. A class initializes once per class loader, so each round loads a
   * fresh copy of {@link SlowConfig} in a new loader.
   */
  static final class ConfigLoader {
    static void loadFreshConfig() throws InterruptedException {
      Thread.ofVirtual().start(ConfigLoader::initializeInFreshLoader).join();
      TimeUnit.MILLISECONDS.sleep(2000);
    }

    private static void initializeInFreshLoader() {
      try {
        Class.forName(SlowConfig.class.getName(), true, new FreshLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Loads {@link SlowConfig} itself, so that each instance defines a new class. */
  static final class FreshLoader extends ClassLoader {
    FreshLoader() {
      super(DemoWorkload.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.equals(SlowConfig.class.getName())) {
        return super.loadClass(name, resolve);
      }
      String resource = name.replace('.', '/') + ".class";
      try (InputStream in = getParent().getResourceAsStream(resource)) {
        if (in == null) {
          throw new ClassNotFoundException(name);
        }
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new ClassNotFoundException(name, e);
      }
    }
  }

  /**
   * A slow leak: one platform thread a second that waits forever, started by {@code openSession},
   * up to a cap that keeps the demo harmless.
   */
  static final class SessionRegistry {
    static final int MAX_LEAKED = 3_600;
    private static int opened;

    static void openSession() throws InterruptedException {
      if (opened == 0) {
        // The leak begins once the application is up, as leaks do: after a few quiet seconds.
        TimeUnit.SECONDS.sleep(5);
      }
      if (opened < MAX_LEAKED) {
        opened++;
        Thread.ofPlatform().daemon().name("demo-session-" + opened).start(SessionRegistry::idle);
      }
      TimeUnit.SECONDS.sleep(1);
    }

    private static void idle() {
      try {
        new java.util.concurrent.CountDownLatch(1).await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
