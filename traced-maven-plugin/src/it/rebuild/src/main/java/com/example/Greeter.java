package com.example;

import dev.traced.annotations.Traced;

/** An interface whose default method is traced. */
public interface Greeter {

  @Traced
  default String greet(String name) {
    return "hello " + name;
  }
}
