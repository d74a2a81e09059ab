package dev.spindle.pb.login;

/**
 * The avatar interface a PB server asks the realm for: every avatar handed out by a {@link
 * PortalRoot} implements it. A realm answers a PB login with {@code LoginResult.of(Perspective.class,
 * avatar, logout)}; PB asks for {@code Perspective.class} only, as Twisted's PB asks for {@code
 * pb.IPerspective} only.
 *
 * <pre>{@code
 * public final class User implements Perspective {            // Twisted: class User(pb.Avatar)
 *   public String perspective_whoami() { return name; }        // avatar.callRemote("whoami")
 *   @Remote("join") public Group joinGroup(String group) { ... }
 * }
 * Realm realm = (Realm.Synchronous) (avatarId, mind, interfaces) -> {
 *   User user = new User(avatarId, (RemoteReference) mind);
 *   return LoginResult.of(Perspective.class, user, user::detached);
 * };
 * }</pre>
 *
 * <p>The client's reference calls the avatar's {@code perspective_<name>} methods and methods
 * annotated {@link dev.spindle.pb.flavors.Remote @Remote}, on the connection's event loop; a
 * {@link dev.spindle.pb.flavors.Viewable} they return sees this avatar as its perspective. An
 * avatar that is also a {@link dev.spindle.pb.flavors.Referenceable} is sent as itself instead,
 * and answers its {@code remote_} methods, as Twisted sends a Jellyable avatar as itself.
 *
 * <p>A marker: it has no methods. Twisted equivalent: {@code twisted.spread.pb.IPerspective},
 * implemented by {@code pb.Avatar}.
 */
public interface Perspective {}
