package com.example;

import dev.traced.annotations.Traced;

public class Names {

  @Traced(name = " ")
  public String blank() {
    return "";
  }
}
