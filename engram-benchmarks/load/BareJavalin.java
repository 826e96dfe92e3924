// The floor of the server load test: Javalin configured as Engram's server is (Jetty 12, requests
// on virtual threads), answering one constant JSON body. Run from the engram jar's class path:
//   java -cp engram-cli/target/engram.jar engram-benchmarks/load/BareJavalin.java PORT
import io.javalin.Javalin;
import java.util.concurrent.Executors;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

public class BareJavalin {
  public static void main(String[] args) {
    byte[] body = "{\"status\":\"ok\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      QueuedThreadPool threads = new QueuedThreadPool();
      threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
      config.jetty.threadPool = threads;
      config.routes.get("/constant", ctx -> ctx.contentType("application/json").result(body));
    }).start("127.0.0.1", Integer.parseInt(args[0]));
  }
}
