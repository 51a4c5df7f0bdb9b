package org.jfrthreads.stream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The types a chunk declares in its metadata record, enough to walk the bytes of any event or
 * constant: each type's fields, their types, and whether they are arrays or constant-pool
 * references.
 *
 * <p>The metadata record is a string table and a tree of elements ({@code root}, {@code metadata},
 * {@code class}, {@code field}, ...) whose attributes index the table; see {@code
 * jdk.jfr.internal.MetadataReader}.
 */
final class ChunkMetadata {

  /** The record type of metadata; constant pools are {@value #CONSTANT_POOL_TYPE_ID}. */
  static final long METADATA_TYPE_ID = 0;

  static final long CONSTANT_POOL_TYPE_ID = 1;

  private static final String EVENT_SUPER_TYPE = "jdk.jfr.Event";
  private static final int MAX_DEPTH = 32;

  /** A field: its type, whether it holds an array, whether it is a constant-pool reference. */
  record Field(String name, long typeId, boolean array, boolean constantPool) {}

  /** A type; primitives and strings have no fields. */
  record Type(long id, String name, boolean event, List<Field> fields) {}

  // Ids are small in practice (a JDK declares a few hundred types): an array avoids boxing them
  // once per record read.
  private static final int MAX_INDEXED_ID = 1 << 16;

  private final Map<Long, Type> types;
  private final Layout[] layoutsById;
  private final Map<Long, Layout> layouts;

  private ChunkMetadata(Map<Long, Type> types) {
    this.types = types;
    this.layouts = Layout.of(types);
    long maxId = types.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
    this.layoutsById = new Layout[(int) Math.min(maxId + 1, MAX_INDEXED_ID)];
    layouts.forEach(
        (id, layout) -> {
          if (id >= 0 && id < layoutsById.length) {
            layoutsById[id.intValue()] = layout;
          }
        });
  }

  /** How a value of type {@code id} is laid out, or {@code null} if no such type is declared. */
  Layout layout(long id) {
    return id >= 0 && id < layoutsById.length ? layoutsById[(int) id] : layouts.get(id);
  }

  /** The bytes of a value of one type, resolved once so that walking millions of them is cheap. */
  static final class Layout {
    static final int VARINT = 0;
    static final int BYTE = 1;
    static final int FLOAT = 2;
    static final int DOUBLE = 3;
    static final int STRING = 4;
    static final int COMPOSITE = 5;
    static final int NOT_A_VALUE = 6;

    final Type type;
    final int kind;
    Layout[] fields = new Layout[0];
    boolean[] arrays = new boolean[0];
    boolean[] references = new boolean[0];

    private Layout(Type type) {
      this.type = type;
      this.kind =
          !type.fields().isEmpty()
              ? COMPOSITE
              : switch (type.name()) {
                case "int", "long", "short", "char" -> VARINT;
                case "boolean", "byte" -> BYTE;
                case "float" -> FLOAT;
                case "double" -> DOUBLE;
                case "java.lang.String" -> STRING;
                default -> NOT_A_VALUE;
              };
    }

    private static Map<Long, Layout> of(Map<Long, Type> types) {
      Map<Long, Layout> layouts = new HashMap<>();
      types.forEach((id, type) -> layouts.put(id, new Layout(type)));
      for (Layout layout : layouts.values()) {
        List<Field> fields = layout.type.fields();
        layout.fields = new Layout[fields.size()];
        layout.arrays = new boolean[fields.size()];
        layout.references = new boolean[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
          layout.fields[i] = layouts.get(fields.get(i).typeId());
          layout.arrays[i] = fields.get(i).array();
          layout.references[i] = fields.get(i).constantPool();
        }
      }
      return layouts;
    }
  }

  /** The id of the type of that name, or -1 if none is declared. */
  long typeId(String name) {
    return types.values().stream()
        .filter(type -> type.name().equals(name))
        .mapToLong(Type::id)
        .findFirst()
        .orElse(-1);
  }

  /** Whether an event type of that name is declared. */
  boolean declaresEvent(String name) {
    return types.values().stream().anyMatch(type -> type.event() && type.name().equals(name));
  }

  /**
   * Reads the metadata record that {@code bytes} is positioned in, just after its size and type,
   * and limited to its end; the record must end where its content does.
   */
  static ChunkMetadata read(RecordingBytes bytes) throws IOException, RecordingDamage {
    bytes.readVarLong(); // start time
    bytes.readVarLong(); // duration
    bytes.readVarLong(); // metadata id
    int stringCount = bytes.readCount("a metadata string table");
    String[] strings = new String[stringCount];
    for (int i = 0; i < stringCount; i++) {
      strings[i] = readString(bytes);
    }
    Element root = element(bytes, strings, 0);
    if (bytes.remaining() != 0) {
      throw new RecordingDamage(
          bytes.position(), "metadata that ends " + bytes.remaining() + " bytes before its record");
    }
    return new ChunkMetadata(types(root, bytes.position()));
  }

  /**
   * A string as JFR encodes it: a byte for the encoding, then for most a length and the bytes or
   * characters. Reference to a constant pool (encoding 2) only as a value, not in the metadata.
   */
  static String readString(RecordingBytes bytes) throws IOException, RecordingDamage {
    long at = bytes.position();
    byte encoding = bytes.readByte();
    switch (encoding) {
      case 0 -> {
        return null;
      }
      case 1 -> {
        return "";
      }
      case 3, 5 -> {
        int length = bytes.readCount("a string length");
        byte[] text = new byte[length];
        for (int i = 0; i < length; i++) {
          text[i] = bytes.readByte();
        }
        return new String(
            text,
            encoding == 3
                ? java.nio.charset.StandardCharsets.UTF_8
                : java.nio.charset.StandardCharsets.ISO_8859_1);
      }
      case 4 -> {
        int length = bytes.readCount("a string length");
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
          text.append((char) bytes.readVarLong());
        }
        return text.toString();
      }
      default -> throw new RecordingDamage(at, "a string of unknown encoding " + encoding);
    }
  }

  /** Skips a string value: as {@link #readString}, or a reference to a pooled string. */
  static void skipString(RecordingBytes bytes) throws IOException, RecordingDamage {
    long at = bytes.position();
    byte encoding = bytes.readByte();
    switch (encoding) {
      case 0, 1 -> {}
      case 2 -> bytes.readVarLong();
      case 3, 5 -> bytes.skip(bytes.readCount("a string length"));
      case 4 -> {
        int length = bytes.readCount("a string length");
        for (int i = 0; i < length; i++) {
          bytes.readVarLong();
        }
      }
      default -> throw new RecordingDamage(at, "a string of unknown encoding " + encoding);
    }
  }

  private record Element(
      String name, long offset, Map<String, String> attributes, List<Element> children) {

    List<Element> children(String name) {
      return children.stream().filter(child -> name.equals(child.name())).toList();
    }
  }

  private static Element element(RecordingBytes bytes, String[] strings, int depth)
      throws IOException, RecordingDamage {
    long at = bytes.position();
    if (depth > MAX_DEPTH) {
      throw new RecordingDamage(at, "metadata nested more than " + MAX_DEPTH + " deep");
    }
    String name = string(bytes, strings);
    int attributeCount = bytes.readCount("a metadata attribute count");
    Map<String, String> attributes = new HashMap<>();
    for (int i = 0; i < attributeCount; i++) {
      attributes.put(string(bytes, strings), string(bytes, strings));
    }
    int childCount = bytes.readCount("a metadata element count");
    List<Element> children = new ArrayList<>(childCount);
    for (int i = 0; i < childCount; i++) {
      children.add(element(bytes, strings, depth + 1));
    }
    return new Element(name, at, attributes, children);
  }

  private static String string(RecordingBytes bytes, String[] strings)
      throws IOException, RecordingDamage {
    long at = bytes.position();
    long index = bytes.readVarLong();
    if (index < 0 || index >= strings.length || strings[(int) index] == null) {
      throw new RecordingDamage(
          at, "metadata that names string " + index + " of a table of " + strings.length);
    }
    return strings[(int) index];
  }

  private static Map<Long, Type> types(Element root, long end) throws RecordingDamage {
    Map<Long, Type> types = new HashMap<>();
    List<Element> metadata = root.children("metadata");
    if (metadata.size() != 1) {
      throw new RecordingDamage(end, "metadata without its type list");
    }
    for (Element type : metadata.get(0).children("class")) {
      List<Field> fields = new ArrayList<>();
      for (Element field : type.children("field")) {
        fields.add(
            new Field(
                field.attributes().getOrDefault("name", ""),
                number(field, "class"),
                number(field, "dimension", 0) > 0,
                field.attributes().containsKey("constantPool")));
      }
      long id = number(type, "id");
      // JFR's reader would read the metadata or constant-pool records as events of this type.
      if (id <= CONSTANT_POOL_TYPE_ID) {
        throw new RecordingDamage(
            type.offset(),
            "a metadata type with id "
                + id
                + ", which is reserved for metadata and constant pools");
      }
      String name = type.attributes().get("name");
      if (name == null || types.containsKey(id)) {
        throw new RecordingDamage(
            type.offset(), "a metadata type without a name or with a used id");
      }
      boolean event = EVENT_SUPER_TYPE.equals(type.attributes().get("superType"));
      types.put(id, new Type(id, name, event, List.copyOf(fields)));
    }
    for (Element type : metadata.get(0).children("class")) {
      for (Element field : type.children("field")) {
        if (!types.containsKey(number(field, "class"))) {
          throw new RecordingDamage(field.offset(), "a metadata field of an undeclared type");
        }
      }
    }
    return Map.copyOf(types);
  }

  private static long number(Element element, String attribute) throws RecordingDamage {
    String value = element.attributes().get(attribute);
    if (value == null) {
      throw new RecordingDamage(element.offset(), "a metadata element without its " + attribute);
    }
    return number(element, attribute, Long.MIN_VALUE);
  }

  private static long number(Element element, String attribute, long absent)
      throws RecordingDamage {
    String value = element.attributes().get(attribute);
    if (value == null) {
      return absent;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new RecordingDamage(
          element.offset(), "a metadata " + attribute + " that is not a number");
    }
  }
}
