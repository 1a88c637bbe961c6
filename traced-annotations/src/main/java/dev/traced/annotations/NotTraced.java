package dev.traced.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Leaves one method of a class-level {@link Traced @Traced} class untraced: its calls make no span
 * (traced methods it calls are children of the caller's span).
 *
 * <pre>{@code
 * @Traced
 * class Inventory {
 *   int stock(String sku) { ... }           // traced
 *   @NotTraced boolean isOpen() { ... }     // not traced: called in a hot loop
 * }
 * }</pre>
 *
 * <p>Only meaningful in a class annotated {@code @Traced}, on a method without its own
 * {@code @Traced}: the annotation processor reports it anywhere else.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NotTraced {}
