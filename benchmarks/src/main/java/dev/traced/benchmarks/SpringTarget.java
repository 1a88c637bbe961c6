package dev.traced.benchmarks;

import io.opencensus.contrib.spring.aop.CensusSpringAspect;
import io.opencensus.contrib.spring.aop.Traced;
import io.opencensus.trace.Span;
import io.opencensus.trace.Tracing;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.EnableAspectJAutoProxy;

/**
 * Peer: OpenCensus' Spring AOP {@code @Traced} on a bean proxied by Spring 5.3. Public and not final:
 * Spring subclasses it (CGLIB) to put {@link CensusSpringAspect} in front of each call.
 */
public class SpringTarget {

  @Traced(name = "SpringTarget.work")
  public String work(String text) {
    return Body.work(text);
  }

  /** Setup check that the proxy is in place. */
  @Traced(name = "SpringTarget.probe")
  public Span probe() {
    return Tracing.getTracer().getCurrentSpan();
  }

  /** The Spring context of the benchmark: the aspect as a bean, auto-proxying on. */
  @Configuration
  @EnableAspectJAutoProxy(proxyTargetClass = true)
  public static class Config {
    @Bean
    public CensusSpringAspect censusSpringAspect() {
      return new CensusSpringAspect(Tracing.getTracer());
    }

    @Bean
    public SpringTarget springTarget() {
      return new SpringTarget();
    }
  }
}
