package org.jfrthreads.exporter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Reads the endpoint's secrets: passwords from files (so that they never appear on a command line
 * or in a process listing) and a TLS key store. Every failure is an {@link
 * IllegalArgumentException} naming the file and the fix, thrown while configuring.
 */
final class SecretFiles {

  /** A password file is a line, not a document: anything longer is a wrong path. */
  static final int MAX_PASSWORD_FILE_BYTES = 4096;

  /** Key stores of a few certificates are a few KiB; this leaves room for long chains. */
  static final int MAX_KEY_STORE_BYTES = 1 << 20;

  private SecretFiles() {}

  /**
   * The password in {@code file}: its content, less one trailing line break.
   *
   * @param what what the password is for, for messages ("basic auth password")
   */
  static char[] readPassword(Path file, String what) {
    byte[] bytes = readRegularFile(file, MAX_PASSWORD_FILE_BYTES, what + " file");
    String password = new String(bytes, StandardCharsets.UTF_8);
    if (password.endsWith("\r\n")) {
      password = password.substring(0, password.length() - 2);
    } else if (password.endsWith("\n")) {
      password = password.substring(0, password.length() - 1);
    }
    if (password.isEmpty()) {
      throw new IllegalArgumentException(
          file + ": the " + what + " file is empty. Expecting the password on its first line.");
    }
    return password.toCharArray();
  }

  /** A server-side TLS context with the key and certificate chain of {@code keyStore}. */
  static SSLContext tlsContext(Path keyStore, char[] password) {
    byte[] bytes = readRegularFile(keyStore, MAX_KEY_STORE_BYTES, "TLS key store");
    KeyStore store = loadKeyStore(keyStore, bytes, password);
    try {
      boolean hasKey = false;
      for (String alias : Collections.list(store.aliases())) {
        hasKey |= store.isKeyEntry(alias);
      }
      if (!hasKey) {
        throw new IllegalArgumentException(
            keyStore
                + ": the TLS key store holds no private key. Expecting a key store with the"
                + " server's key and certificate, for example made by keytool -genkeypair.");
      }
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          keyStore
              + ": cannot use the TLS key store ("
              + e.getMessage()
              + "). Expecting its key protected by the key store's password.",
          e);
    }
  }

  private static KeyStore loadKeyStore(Path file, byte[] bytes, char[] password) {
    GeneralSecurityException last = null;
    for (String type : new String[] {"PKCS12", "JKS"}) {
      try (InputStream in = new ByteArrayInputStream(bytes)) {
        KeyStore store = KeyStore.getInstance(type);
        store.load(in, password);
        return store;
      } catch (GeneralSecurityException e) {
        last = e;
      } catch (IOException e) {
        // A wrong password shows as an IOException whose cause is an UnrecoverableKeyException.
        if (e.getCause() instanceof UnrecoverableKeyException) {
          throw new IllegalArgumentException(
              file
                  + ": wrong password for the TLS key store. Expecting the password it was made"
                  + " with in the password file.",
              e);
        }
        last = new KeyStoreException(e.getMessage(), e);
      }
    }
    throw new IllegalArgumentException(
        file
            + ": not a TLS key store ("
            + Objects.requireNonNull(last).getMessage()
            + "). Expecting a PKCS12 or JKS file.",
        last);
  }

  private static byte[] readRegularFile(Path file, int maxBytes, String what) {
    Objects.requireNonNull(file, "file");
    // A FIFO or a device would block or never end: only regular files are read, up to a bound.
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          file
              + ": no such regular file for the "
              + what
              + ". Expecting the path of a readable file.");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw new IllegalArgumentException(
            file + ": too large for a " + what + ". Expecting at most " + maxBytes + " bytes.");
      }
      return bytes;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          file + ": cannot read the " + what + " (" + e + "). Expecting a readable file.", e);
    }
  }
}
