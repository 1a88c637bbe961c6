package dev.traced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A constant attribute of an {@link Annotate} annotation: a key and a string value.
 *
 * <pre>{@code
 * @Annotate(value = "Invoking processLine", attributes = @Attribute(key = "use", value = "repl"))
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Attribute {

  /**
   * The attribute key.
   *
   * @return the key; non-empty, unique within its annotation, at most 128 UTF-8 bytes
   */
  String key();

  /**
   * The attribute value, recorded as a string attribute.
   *
   * @return the value
   */
  String value();
}
