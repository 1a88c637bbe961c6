package com.example;

import dev.traced.annotations.Traced;

public class Shop {

  @Traced
  public String pay() {
    return "paid";
  }
}
