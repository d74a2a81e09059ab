package dev.spindle.examples.ops;

import dev.spindle.transport.CallInfo;
import dev.spindle.transport.CallInterceptor;
import dev.spindle.transport.CallRejectedException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Login and authorization as interceptors. The client's interceptor adds its bearer token to every
 * AMP command as the extra key {@value #TOKEN_KEY} (Twisted's own responders ignore keys they do
 * not declare). The server's interceptor logs the caller in from the token (who are you?) and
 * checks that the user may call the command (may you?); a refusal reaches the caller as an AMP
 * error code ({@code UNAUTHENTICATED} or {@code PERMISSION_DENIED}) and the connection stays open.
 * For PB, where the login is part of the protocol, the same check would read {@code
 * call.connection().avatarId()} instead of a token.
 */
public final class TokenAuth implements CallInterceptor {
  /** The AMP key that carries the token. */
  public static final String TOKEN_KEY = "_auth_token";

  private final Map<String, String> users;
  private final Map<String, Set<String>> allowed;

  /**
   * @param users token to user name
   * @param allowed command name to the users who may call it (absent: everyone logged in)
   */
  public TokenAuth(Map<String, String> users, Map<String, Set<String>> allowed) {
    this.users = Map.copyOf(users);
    this.allowed = Map.copyOf(allowed);
  }

  /** The client side: sends {@code token} with every call. */
  public static CallInterceptor bearer(String token) {
    return (call, next) -> {
      if (call.headers() != null) {
        call.headers().put(TOKEN_KEY, token);
      }
      return next.proceed();
    };
  }

  @Override
  public CompletionStage<?> intercept(CallInfo call, Next next) {
    String token = call.headers() == null ? null : call.headers().get(TOKEN_KEY);
    String user = token == null ? null : users.get(token);
    if (user == null) {
      throw new CallRejectedException("UNAUTHENTICATED", "no valid token for " + call.method());
    }
    Set<String> who = allowed.get(call.method());
    if (who != null && !who.contains(user)) {
      throw new CallRejectedException("PERMISSION_DENIED", user + " may not call " + call.method());
    }
    return next.proceed();
  }
}
