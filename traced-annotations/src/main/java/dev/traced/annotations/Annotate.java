package dev.traced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Adds an OpenCensus annotation (a timed event with a description and attributes) to the current
 * span each time the method starts.
 *
 * <pre>{@code
 * @Annotate(value = "Invoking processLine", attributes = @Attribute(key = "use", value = "repl"))
 * String evaluate(String line, @Attr("len") int length) { ... }
 * }</pre>
 *
 * <p>The annotation goes to the span that is current when the body starts: the method's own span
 * if the method is also {@link Traced @Traced}, else the caller's span. Its attributes are the
 * constant {@link #attributes()} followed by the parameters marked with {@link Attr}. When there
 * is no current span, or the current span is not sampled, nothing is built or recorded.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Annotate {

  /**
   * The annotation's description, for example {@code "Invoking processLine"}.
   *
   * @return the description; must not be blank
   */
  String value();

  /**
   * Constant attributes recorded with every annotation of this method. Default: none.
   *
   * @return the constant attributes; keys must be unique, non-empty and at most 128 UTF-8 bytes
   */
  Attribute[] attributes() default {};
}
