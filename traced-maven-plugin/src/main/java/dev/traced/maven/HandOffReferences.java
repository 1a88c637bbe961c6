package dev.traced.maven;

import java.util.Set;
import org.aspectj.apache.bcel.classfile.Constant;
import org.aspectj.apache.bcel.classfile.ConstantCP;
import org.aspectj.apache.bcel.classfile.ConstantNameAndType;
import org.aspectj.apache.bcel.classfile.ConstantPool;
import org.aspectj.apache.bcel.classfile.JavaClass;

/**
 * Whether a class file calls a method that hands a task to another thread, the calls traced-aspects'
 * {@code ContextCarrying} advice wraps so that the current span follows the task (executors,
 * {@code CompletableFuture}'s {@code *Async} methods, threads and thread builders). Such classes are
 * woven too, even without Traced annotations: a span current at the hand-off must reach the task.
 *
 * <p>Read from the constant pool alone (method name plus a task-typed parameter in the descriptor),
 * so it may pick a class the advice then leaves unchanged (say, a JDBC {@code execute(Runnable)}):
 * that costs a little weaving time, never a wrong span.
 */
final class HandOffReferences {

  private static final Set<String> HAND_OFF_NAMES =
      Set.of(
          "execute", "submit", "invokeAll", "invokeAny", "schedule", "scheduleAtFixedRate",
          "scheduleWithFixedDelay", "runAsync", "supplyAsync", "newThread", "start", "unstarted",
          "startVirtualThread", "<init>");

  private HandOffReferences() {}

  /** Whether {@code type} calls a hand-off method with a task argument. */
  static boolean in(JavaClass type) {
    ConstantPool pool = type.getConstantPool();
    for (Constant constant : pool.getConstantPool()) {
      if (constant instanceof ConstantCP && handsOff((ConstantCP) constant, pool)) {
        return true;
      }
    }
    return false;
  }

  private static boolean handsOff(ConstantCP method, ConstantPool pool) {
    Constant nameAndType = pool.getConstant(method.getNameAndTypeIndex());
    if (!(nameAndType instanceof ConstantNameAndType)) {
      return false;
    }
    String name = ((ConstantNameAndType) nameAndType).getName(pool);
    String descriptor = ((ConstantNameAndType) nameAndType).getSignature(pool);
    boolean async = name.endsWith("Async");
    if (!async && !HAND_OFF_NAMES.contains(name)) {
      return false;
    }
    if (name.equals("<init>") && !"java/lang/Thread".equals(method.getClass(pool).replace('.', '/'))) {
      return false; // only Thread's constructors take a task among constructors
    }
    return takesATask(descriptor);
  }

  private static boolean takesATask(String descriptor) {
    String parameters = descriptor.substring(0, descriptor.indexOf(')') + 1);
    return parameters.contains("Ljava/lang/Runnable;")
        || parameters.contains("Ljava/util/concurrent/Callable;")
        || parameters.contains("Ljava/util/function/")
        || parameters.contains("Ljava/util/Collection;");
  }
}
