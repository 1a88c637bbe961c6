package dev.traced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Records the parameter's value as an attribute.
 *
 * <pre>{@code
 * @Annotate("Invoking processLine")
 * String evaluate(String line, @Attr("len") int length) { ... }   // attribute len = length
 *
 * @Traced
 * Order load(@Attr long orderId) { ... }                          // span attribute orderId
 * }</pre>
 *
 * <p>On an {@link Annotate @Annotate} method the attribute belongs to that annotation; on a method
 * that is only {@link Traced @Traced} it is an attribute of the method's span. {@code String},
 * {@code int}/{@code long} (and the other integral types), {@code double}/{@code float} and
 * {@code boolean} keep their types; any other value is recorded as its {@code toString()}; a
 * {@code null} value is left out. String values longer than 256 UTF-8 bytes (Cloud Trace's limit)
 * are truncated. Values are read only when the span records events (it is sampled), so unsampled
 * calls build nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Attr {

  /**
   * The attribute key. Default: the parameter's name, which needs the {@code -parameters}
   * compiler flag (without it the annotation processor reports an error).
   *
   * @return the key, or {@code ""} for the parameter's name
   */
  String value() default "";
}
