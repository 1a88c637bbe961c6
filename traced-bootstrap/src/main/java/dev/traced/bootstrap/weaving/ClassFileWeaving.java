package dev.traced.bootstrap.weaving;

import java.nio.charset.StandardCharsets;

/**
 * Tells from a class file's bytes whether ajc wove it, without loading the class: a class-level
 * {@code org.aspectj.weaver.WeaverState} attribute (build-time weaving), or a field or method
 * named {@code ajc$...} or {@code ..._aroundBody...} (any weaving mode).
 *
 * <p>Only the structure is walked (constant pool, members, attributes), so a string constant
 * that merely contains those words is not mistaken for weaving.
 */
final class ClassFileWeaving {

  /** The outcome for one class. */
  enum Verdict {
    WOVEN,
    NOT_WOVEN,
    /** No class file found, or not a class file we can read: nothing to report. */
    UNKNOWN
  }

  private static final byte[] WEAVER_STATE =
      "org.aspectj.weaver.WeaverState".getBytes(StandardCharsets.UTF_8);
  private static final byte[] AJC_PREFIX = "ajc$".getBytes(StandardCharsets.UTF_8);
  private static final byte[] AROUND_BODY = "_aroundBody".getBytes(StandardCharsets.UTF_8);

  private final byte[] bytes;
  private int position;
  /** Offset of each CONSTANT_Utf8 entry's length field, by constant pool index; 0 otherwise. */
  private int[] utf8Offsets;

  private ClassFileWeaving(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Judges a class file; null (no class file) is {@link Verdict#UNKNOWN}. */
  static Verdict of(byte[] classFile) {
    if (classFile == null) {
      return Verdict.UNKNOWN;
    }
    try {
      return new ClassFileWeaving(classFile).judge();
    } catch (IndexOutOfBoundsException | IllegalStateException notAClassFile) {
      return Verdict.UNKNOWN;
    }
  }

  private Verdict judge() {
    if (u4() != 0xCAFEBABEL) {
      throw new IllegalStateException("not a class file");
    }
    position += 4; // minor, major version
    readConstantPool();
    position += 6; // access flags, this class, super class
    int interfaces = u2(); // (not "position += 2 * u2()": see skipAttributeBody)
    position += 2 * interfaces;
    boolean wovenField = membersLookWoven();
    boolean wovenMethod = membersLookWoven(); // walked anyway: the class attributes come after
    if (wovenField || wovenMethod) {
      return Verdict.WOVEN;
    }
    int attributes = u2();
    for (int i = 0; i < attributes; i++) {
      if (utf8Equals(u2(), WEAVER_STATE)) {
        return Verdict.WOVEN;
      }
      skipAttributeBody();
    }
    return Verdict.NOT_WOVEN;
  }

  private void readConstantPool() {
    int count = u2();
    utf8Offsets = new int[count];
    for (int index = 1; index < count; index++) {
      int tag = bytes[position++];
      switch (tag) {
        case 1: // Utf8
          utf8Offsets[index] = position;
          position += 2 + u2At(position);
          break;
        case 7: case 8: case 16: case 19: case 20: // Class, String, MethodType, Module, Package
          position += 2;
          break;
        case 15: // MethodHandle
          position += 3;
          break;
        case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
          position += 4;
          break;
        case 5: case 6: // Long, Double take two entries
          position += 8;
          index++;
          break;
        default:
          throw new IllegalStateException("unknown constant pool tag " + tag);
      }
    }
  }

  /** Walks a fields or methods table; true if a member's name is ajc's. */
  private boolean membersLookWoven() {
    boolean woven = false;
    int count = u2();
    for (int i = 0; i < count; i++) {
      position += 2; // access flags
      int name = u2();
      woven |= utf8StartsWith(name, AJC_PREFIX) || utf8Contains(name, AROUND_BODY);
      position += 2; // descriptor
      int attributes = u2();
      for (int a = 0; a < attributes; a++) {
        position += 2; // name
        skipAttributeBody();
      }
    }
    return woven;
  }

  private void skipAttributeBody() {
    // Not "position += u4()": that would add to the position read before u4() moved it.
    int length = (int) u4();
    position += length;
  }

  private boolean utf8Equals(int index, byte[] expected) {
    int offset = utf8Offsets[index];
    return offset != 0 && u2At(offset) == expected.length && regionMatches(offset + 2, expected);
  }

  private boolean utf8StartsWith(int index, byte[] prefix) {
    int offset = utf8Offsets[index];
    return offset != 0 && u2At(offset) >= prefix.length && regionMatches(offset + 2, prefix);
  }

  private boolean utf8Contains(int index, byte[] part) {
    int offset = utf8Offsets[index];
    if (offset == 0) {
      return false;
    }
    int end = offset + 2 + u2At(offset) - part.length;
    for (int start = offset + 2; start <= end; start++) {
      if (regionMatches(start, part)) {
        return true;
      }
    }
    return false;
  }

  private boolean regionMatches(int start, byte[] expected) {
    for (int i = 0; i < expected.length; i++) {
      if (bytes[start + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  private int u2() {
    int value = u2At(position);
    position += 2;
    return value;
  }

  private int u2At(int offset) {
    return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
  }

  private long u4() {
    long value =
        ((long) (bytes[position] & 0xFF) << 24)
            | ((bytes[position + 1] & 0xFF) << 16)
            | ((bytes[position + 2] & 0xFF) << 8)
            | (bytes[position + 3] & 0xFF);
    position += 4;
    return value;
  }
}
