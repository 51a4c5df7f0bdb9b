package com.example.workload;

import java.util.concurrent.locks.ReentrantLock;

/** Application code whose threads wait on a {@link ReentrantLock}. */
public final class Inventory {

  public final ReentrantLock lock = new ReentrantLock();

  /** Takes and releases the lock. */
  public void reserve() {
    lock.lock();
    try {
      Thread.onSpinWait();
    } finally {
      lock.unlock();
    }
  }
}
