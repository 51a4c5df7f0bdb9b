package org.jfrthreads.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jfrthreads.exporter.JfrThreads;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Spring inspects the bean's class and the auto-configuration by reflection; that must work in an
 * application without client_java's HTTP server jar, which the starter never uses, and the
 * library's public API names no HTTP server type.
 */
class JfrThreadsReflectionTest {

  private static final String CLIENT_JAVA_HTTP_SERVER =
      "io.prometheus.metrics.exporter.httpserver.";

  @Test
  void theBeanAndItsBuilderReflectWithoutClientJavasHttpServer() throws Exception {
    ClassLoader withoutHttpServer = new WithoutHttpServer(getClass().getClassLoader());
    assertThatExceptionOfType(ClassNotFoundException.class)
        .isThrownBy(() -> withoutHttpServer.loadClass(CLIENT_JAVA_HTTP_SERVER + "MetricsHandler"));

    for (String name :
        List.of(
            JfrThreads.class.getName(),
            JfrThreads.Builder.class.getName(),
            JfrThreadsAutoConfiguration.class.getName())) {
      Class<?> type = Class.forName(name, true, withoutHttpServer);
      assertThat(type.getClassLoader()).as(name).isSameAs(withoutHttpServer);

      assertThat(type.getDeclaredMethods()).as(name).isNotEmpty();
      assertThat(type.getDeclaredFields()).as(name).isNotNull();
      assertThat(type.getDeclaredConstructors()).as(name).isNotNull();
      assertThat(ReflectionUtils.getUniqueDeclaredMethods(type)).as(name).isNotEmpty();
      assertThat(BeanUtils.getPropertyDescriptors(type)).as(name).isNotNull();
    }
  }

  @Test
  void thePublicApiNamesNoHttpServerType() {
    List<String> types = new ArrayList<>();
    for (Class<?> type : List.of(JfrThreads.class, JfrThreads.Builder.class)) {
      for (Method method : type.getMethods()) {
        types.add(method.getReturnType().getName());
        types.addAll(parameters(method));
      }
      for (Executable constructor : type.getConstructors()) {
        types.addAll(parameters(constructor));
      }
      for (Field field : type.getFields()) {
        types.add(field.getType().getName());
      }
    }

    assertThat(types)
        .contains("org.jfrthreads.exporter.JfrThreads$Builder")
        .noneMatch(name -> name.startsWith(CLIENT_JAVA_HTTP_SERVER))
        .noneMatch(name -> name.startsWith("com.sun.net.httpserver."))
        .noneMatch(name -> name.equals("org.jfrthreads.exporter.MetricsEndpoint"));
  }

  private static List<String> parameters(Executable executable) {
    return Stream.of(executable.getParameterTypes()).map(Class::getName).toList();
  }

  /**
   * The test's class path less client_java's HTTP server: defines the project's classes itself, so
   * that they resolve what they name through it, and finds no class of that jar.
   */
  private static final class WithoutHttpServer extends ClassLoader {

    WithoutHttpServer(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith(CLIENT_JAVA_HTTP_SERVER)) {
        throw new ClassNotFoundException(name + ": not on this class path");
      }
      if (!name.startsWith("org.jfrthreads.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          byte[] bytes = bytes(name);
          loaded = defineClass(name, bytes, 0, bytes.length);
        }
        return loaded;
      }
    }

    private byte[] bytes(String name) throws ClassNotFoundException {
      try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
        if (in == null) {
          throw new ClassNotFoundException(name);
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new ClassNotFoundException(name, e);
      }
    }
  }
}
