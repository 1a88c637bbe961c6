package dev.traced.annotations.processing;

/**
 * The processor's diagnostics, as {@link String#format} patterns: a tag in brackets, the rule, the
 * fix, and the element they are about. Tests reference these constants, so a message is worded in
 * one place.
 *
 * <pre>{@code
 * String.format(Messages.ABSTRACT_METHOD, "Traced", "Shop.pay()", "Traced")
 * // [TracedAbstract] @Traced on abstract method Shop.pay() has no effect: ...
 * }</pre>
 */
public final class Messages {

  /** Args: annotation simple name, method, annotation simple name. */
  public static final String ABSTRACT_METHOD =
      "[TracedAbstract] @%s on abstract method %s has no effect: annotations on abstract methods"
          + " are not inherited by implementations; put @%s on the implementation.";

  /** Args: annotation simple name, method. */
  public static final String NATIVE_METHOD =
      "[TracedNative] @%s on native method %s has no effect: only method bodies compiled from Java"
          + " source are woven; put it on a Java method that calls the native one.";

  /** Args: method, default span name. */
  public static final String SPAN_NAME_EMPTY =
      "[TracedName] @Traced(name = \"\") on %s asks for an empty span name, but an empty name"
          + " means the default, %s; remove name = \"\" or give a name.";

  /** Args: the blank name, method, default span name. */
  public static final String SPAN_NAME_BLANK =
      "[TracedName] @Traced(name = \"%s\") on %s is blank: trace backends reject or merge spans"
          + " without a visible name; give a name, or remove name for the default, %s.";

  /** Args: span name, method, its UTF-8 length, the limit. */
  public static final String SPAN_NAME_TOO_LONG =
      "[TracedNameLength] Span name \"%s\" of %s is %d UTF-8 bytes, over Cloud Trace's limit of"
          + " %d: the exporter rejects the span; give a shorter @Traced(name = ...).";

  /** Args: method. */
  public static final String ANNOTATE_BLANK =
      "[AnnotateDescription] @Annotate on %s has a blank description: the span annotation would"
          + " say nothing; describe the event, e.g. @Annotate(\"charging card\").";

  /** Args: the key, where it is (e.g. "@Attribute of @Annotate on Shop.pay()"). */
  public static final String KEY_BLANK =
      "[AttrKeyBlank] Attribute key \"%s\" in %s is blank: backends drop or reject attributes"
          + " without a visible key; give a key.";

  /** Args: the key, where it is, its UTF-8 length, the limit. */
  public static final String KEY_TOO_LONG =
      "[AttrKeyLength] Attribute key \"%s\" in %s is %d UTF-8 bytes, over Cloud Trace's limit of"
          + " %d: the exporter rejects it; use a shorter key.";

  /** Args: the key, the attribute set (e.g. "the @Annotate of Shop.pay()"). */
  public static final String KEY_DUPLICATE =
      "[AttrKeyDuplicate] Attribute key \"%s\" appears twice in %s: the later value overwrites"
          + " the earlier one, which is never recorded; give each attribute its own key.";

  /** Args: parameter, method. */
  public static final String ATTR_UNUSED =
      "[AttrUnused] @Attr on parameter %s of %s has no effect: the method has neither @Traced nor"
          + " @Annotate, so nothing records it; add @Traced or @Annotate to the method, or remove"
          + " @Attr.";

  /** Args: parameter, constructor. */
  public static final String ATTR_ON_CONSTRUCTOR =
      "[AttrUnused] @Attr on parameter %s of constructor %s has no effect: constructors are never"
          + " traced; move it to a @Traced or @Annotate method, or remove @Attr.";

  /** Args: parameter, method, parameter (as the suggested key), option name. */
  public static final String ATTR_NAME_UNKNOWN =
      "[AttrName] @Attr on parameter %s of %s has no key, so its key is the parameter's name,"
          + " which survives compilation only with -parameters, and the processor cannot tell"
          + " whether this build uses it: give the key, @Attr(\"%s\"), or compile with -parameters"
          + " and pass -A%s=true to confirm.";

  /** Args: parameter, method, option name, parameter index, parameter (as suggested key). */
  public static final String ATTR_NAME_WITHOUT_PARAMETERS =
      "[AttrName] @Attr on parameter %s of %s has no key and this build compiles without"
          + " -parameters (-A%s=false), so the key would be arg%d: give the key, @Attr(\"%s\"), or"
          + " compile with -parameters.";

  /** Args: the key, method, the return type. */
  public static final String RECORD_RESULT_NO_VALUE =
      "[TracedResult] @Traced(recordResult = \"%s\") on %s records nothing: the method returns"
          + " %s, which carries no value; remove recordResult.";

  /** Args: the exception type, method, the exception type. */
  public static final String EXPECTED_NEVER_THROWN =
      "[TracedExpected] @Traced(expected = %s.class) on %s can never apply: it is a checked"
          + " exception that the method does not declare, so the method cannot throw it; remove it"
          + " from expected, or add %s to the method's throws clause.";

  /** Args: method, its class. */
  public static final String NOT_TRACED_WITHOUT_CLASS =
      "[NotTraced] @NotTraced on %s has no effect: its class %s has no class-level @Traced, so"
          + " the method is not traced anyway; remove @NotTraced, or put @Traced on the class.";

  /** Args: method. */
  public static final String NOT_TRACED_AND_TRACED =
      "[NotTraced] %s has both @Traced and @NotTraced: @Traced wins and the method is traced;"
          + " remove one of them.";

  /** Args: kind of type (e.g. "interface"), type. */
  public static final String CLASS_TRACED_UNSUPPORTED =
      "[TracedClass] @Traced on %s %s is not supported: a class-level @Traced traces the methods"
          + " of classes, enums and records only; put @Traced on the implementing classes, or on"
          + " the default methods to trace.";

  /** Args: the name, type. */
  public static final String CLASS_TRACED_NAME =
      "[TracedClass] @Traced(name = \"%s\") on class %s would give all its methods one span"
          + " name: a class-level @Traced takes no name; remove name (each span is named"
          + " Class.method), or put @Traced(name = ...) on a method.";

  /** Args: the key, type. */
  public static final String CLASS_TRACED_RECORD_RESULT =
      "[TracedClass] @Traced(recordResult = \"%s\") on class %s is not supported: methods"
          + " return different things; put @Traced(recordResult = ...) on the methods whose result"
          + " to record.";

  /** Args: option name, the value given. */
  public static final String BAD_OPTION =
      "[TracedOption] -A%s must be true or false, not \"%s\": say whether the build compiles with"
          + " -parameters.";

  /** Args: catalog path, the I/O failure. */
  public static final String CATALOG_NOT_WRITTEN =
      "[TracedCatalog] Could not write %s (%s): the start-up weaving check will not know the"
          + " traced methods of this compilation.";

  /** Args: the failure, where it happened (first stack frame). */
  public static final String INTERNAL_ERROR =
      "[TracedInternal] The Traced annotation processor failed (%s at %s), so its checks did not"
          + " run; please report it. To build meanwhile, remove dev.traced:traced-annotations from"
          + " the annotationProcessorPaths.";

  private Messages() {}

  /** Args: parameter, method. */
  public static final String REMOTE_PARENT_NOT_TRACED =
      "[RemoteParent] @RemoteParent on parameter %s of %s has no effect: only a @Traced(kind ="
          + " SpanKind.SERVER) method reads its parent from request headers; add that to the"
          + " method, or remove @RemoteParent.";

  /** Args: parameter, method, the method's kind. */
  public static final String REMOTE_PARENT_NOT_SERVER =
      "[RemoteParent] @RemoteParent on parameter %s of %s, whose span kind is %s: a span whose"
          + " parent is another process's is the server side of a call; use @Traced(kind ="
          + " SpanKind.SERVER).";

  /** Args: parameter, method, its type. */
  public static final String REMOTE_PARENT_TYPE =
      "[RemoteParentType] @RemoteParent parameter %s of %s has type %s, which the aspect cannot"
          + " read headers from; use Map<String, String>, Map<String, List<String>>"
          + " (com.sun.net.httpserver.Headers) or Function<String, String>.";

  /** Args: parameter, method, the first @RemoteParent parameter. */
  public static final String REMOTE_PARENT_TWICE =
      "[RemoteParent] @RemoteParent on parameter %s of %s, which already reads its parent from"
          + " %s: a span has one parent; keep one @RemoteParent.";
}
