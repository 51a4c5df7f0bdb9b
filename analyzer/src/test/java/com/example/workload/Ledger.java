package com.example.workload;

/** Application code whose threads block on its monitor. */
public final class Ledger {

  private long entries;

  /** Enters this ledger's monitor. */
  public synchronized void post() {
    entries++;
  }
}
