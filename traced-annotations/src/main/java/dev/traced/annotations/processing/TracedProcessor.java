package dev.traced.annotations.processing;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/**
 * Turns misuse of {@code @Traced}, {@code @Annotate} and {@code @Attr} into compile errors at the
 * annotation, and writes the span catalog ({@code META-INF/traced/spans.catalog}) that the
 * start-up weaving check reads.
 *
 * <p>Registered in {@code META-INF/services}, so listing {@code traced-annotations} in the
 * compiler's {@code annotationProcessorPaths} is all it takes:
 *
 * <pre>{@code
 * <annotationProcessorPaths>
 *   <path><groupId>dev.traced</groupId><artifactId>traced-annotations</artifactId></path>
 * </annotationProcessorPaths>
 * <compilerArgs><arg>-parameters</arg><arg>-Atraced.parameters=true</arg></compilerArgs>
 * }</pre>
 *
 * <p>The rules live in one class per family ({@link MethodBodyRule}, {@link SpanNameRule},
 * {@link DescriptionRule}, {@link AttributeKeyRule}, {@link RecordResultRule},
 * {@link ExpectedExceptionRule}, {@link UnusedAttrRule}, {@link NotTracedRule},
 * {@link ClassTracedRule}, {@link RemoteParentRule}); their messages are
 * in {@link Messages}. The processor claims no annotation ({@code process} returns false), so
 * other processors still see them. A failure of the processor itself never crashes the compiler:
 * it becomes one error, {@link Messages#INTERNAL_ERROR}, and the processor stops checking.
 *
 * <p>Option {@code -Atraced.parameters=true|false}: whether the build compiles with
 * {@code -parameters}; needed only for {@code @Attr} without an explicit key.
 */
public final class TracedProcessor extends AbstractProcessor {

  private final MethodRule extraRule;
  private Reporter reporter;
  private ElementNames names;
  private List<MethodRule> rules;
  private UnusedAttrRule unusedAttrRule;
  private RemoteParentRule remoteParentRule;
  private NotTracedRule notTracedRule;
  private ClassTracedRule classTracedRule;
  private final SpanCatalogWriter catalog = new SpanCatalogWriter();
  private boolean failed;

  /** The processor javac loads through {@code META-INF/services}. */
  public TracedProcessor() {
    this(method -> {});
  }

  /** For tests: runs {@code extraRule} after the real rules, e.g. to simulate a processor bug. */
  TracedProcessor(MethodRule extraRule) {
    this.extraRule = extraRule;
  }

  @Override
  public synchronized void init(ProcessingEnvironment environment) {
    super.init(environment);
    reporter = new Reporter(environment.getMessager());
    names = new ElementNames(environment.getElementUtils());
    ParameterNames parameterNames = ParameterNames.from(environment.getOptions());
    rules =
        List.of(
            new MethodBodyRule(reporter, names),
            new SpanNameRule(reporter, names),
            new DescriptionRule(reporter, names),
            new AttributeKeyRule(reporter, names, parameterNames),
            new RecordResultRule(
                reporter, names, environment.getTypeUtils(), environment.getElementUtils()),
            new ExpectedExceptionRule(
                reporter, names, environment.getTypeUtils(), environment.getElementUtils()),
            extraRule);
    unusedAttrRule = new UnusedAttrRule(reporter, names);
    remoteParentRule =
        new RemoteParentRule(
            reporter, names, environment.getElementUtils(), environment.getTypeUtils());
    notTracedRule = new NotTracedRule(reporter, names);
    classTracedRule = new ClassTracedRule(reporter);
    if (ParameterNames.isMalformed(environment.getOptions())) {
      reporter.error(
          Messages.BAD_OPTION,
          ParameterNames.OPTION,
          environment.getOptions().get(ParameterNames.OPTION));
    }
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    // "*", not our three annotations: javac starts a processor only when one of its annotation
    // types is present, and options of a processor it did not start are reported as "not
    // recognized by any processor" - a warning that -Werror turns into a failed build of every
    // module without @Traced. Returning false from process() still claims nothing.
    return Set.of("*");
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(ParameterNames.OPTION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    // The rules read only annotations, methods and parameters, which every language version has.
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (failed) {
      return false;
    }
    try {
      processRound(round);
    } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError bug) {
      failed = true;
      StackTraceElement[] trace = bug.getStackTrace();
      reporter.error(Messages.INTERNAL_ERROR, bug, trace.length > 0 ? trace[0] : "unknown");
    }
    return false; // Claims nothing: other processors may read these annotations too.
  }

  private void processRound(RoundEnvironment round) {
    for (TypeElement type : ElementFilter.typesIn(round.getRootElements())) {
      recordCompiled(type);
    }
    Set<ExecutableElement> methods = new LinkedHashSet<>();
    methods.addAll(ElementFilter.methodsIn(annotated(round, Mirrors.TRACED)));
    methods.addAll(ElementFilter.methodsIn(annotated(round, Mirrors.ANNOTATE)));
    for (TypeElement type : ElementFilter.typesIn(annotated(round, Mirrors.TRACED))) {
      classTracedRule.check(type);
      methods.addAll(ElementFilter.methodsIn(type.getEnclosedElements()));
    }
    for (ExecutableElement element : methods) {
      // Empty for a method of a @Traced class that the class does not trace (e.g. toString).
      AnnotatedMethod method = AnnotatedMethod.of(element).orElse(null);
      if (method == null) {
        continue;
      }
      for (MethodRule rule : rules) {
        rule.check(method);
      }
      if (method.isTraced() && MethodBodyRule.hasBody(method)) {
        catalog.add(
            names.binaryName(element),
            element.getSimpleName().toString(),
            SpanNameRule.spanName(method, names));
      }
    }
    for (Element element : annotated(round, Mirrors.NOT_TRACED)) {
      notTracedRule.check(element);
    }
    for (Element element : annotated(round, Mirrors.ATTR)) {
      if (element.getKind() == ElementKind.PARAMETER) {
        unusedAttrRule.check((VariableElement) element);
      }
    }
    for (Element element : annotated(round, Mirrors.REMOTE_PARENT)) {
      if (element.getKind() == ElementKind.PARAMETER) {
        remoteParentRule.check((VariableElement) element);
      }
    }
    if (round.processingOver()) {
      writeCatalog();
    }
  }

  private Set<? extends Element> annotated(RoundEnvironment round, String annotation) {
    TypeElement type = processingEnv.getElementUtils().getTypeElement(annotation);
    // Absent when the annotations are not on the class path: then nothing can be annotated.
    return type == null ? Set.of() : round.getElementsAnnotatedWith(type);
  }

  private void recordCompiled(TypeElement type) {
    catalog.compiled(processingEnv.getElementUtils().getBinaryName(type).toString());
    for (TypeElement member : ElementFilter.typesIn(type.getEnclosedElements())) {
      recordCompiled(member);
    }
  }

  private void writeCatalog() {
    try {
      catalog.write(processingEnv.getFiler());
    } catch (IOException e) {
      reporter.warning(null, Messages.CATALOG_NOT_WRITTEN, SpanCatalogWriter.PATH, e);
    }
  }
}
