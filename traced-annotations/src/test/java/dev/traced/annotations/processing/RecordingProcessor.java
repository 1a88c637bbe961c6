package dev.traced.annotations.processing;

import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/** A processor after ours that records which annotations it was offered (unclaimed ones only). */
final class RecordingProcessor extends AbstractProcessor {

  final Set<String> seen = new TreeSet<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    annotations.forEach(annotation -> seen.add(annotation.getQualifiedName().toString()));
    return false;
  }
}
