/**
 * Jelly, Twisted's object serializer ({@code twisted.spread.jelly}): Java values to and from the
 * {@link dev.spindle.pb.banana.Sexp} s-expressions that Banana carries. Second layer of PB:
 * depends only on {@code dev.spindle.pb.banana}'s {@code Sexp}; {@code flavors} and {@code broker}
 * build on it through {@link dev.spindle.pb.jelly.Jellyable} and {@link
 * dev.spindle.pb.jelly.UnjellyHandler}.
 *
 * <p>Start with a {@link dev.spindle.pb.jelly.JellyRegistry} (immutable, thread-safe: security
 * options, registered classes, handlers); it makes a {@link dev.spindle.pb.jelly.Jellier} or
 * {@link dev.spindle.pb.jelly.Unjellier} for each message (single use, one thread).
 *
 * <h2>Type mapping</h2>
 *
 * <table>
 * <caption>Python, s-expression, what jelly accepts, what unjelly gives</caption>
 * <tr><th>Python</th><th>s-expression</th><th>jelly accepts</th><th>unjelly gives</th></tr>
 * <tr><td>{@code None}</td><td>{@code ["None"]}</td><td>{@code null}</td><td>{@code null}</td></tr>
 * <tr><td>{@code bool}</td><td>{@code ["boolean", "true"|"false"]}</td><td>{@code Boolean}</td><td>{@code Boolean}</td></tr>
 * <tr><td>{@code int}</td><td>integer</td><td>{@code Long}, {@code Integer}, {@code Short},
 *     {@code Byte}, {@code BigInteger}; magnitude at most 2**448&minus;1 (Banana)</td>
 *     <td>{@code Long} if it fits, else {@code BigInteger} (never {@code Integer})</td></tr>
 * <tr><td>{@code float}</td><td>float</td><td>{@code Double}, {@code Float}</td><td>{@code Double} (bit-exact: NaN, &plusmn;inf, -0.0)</td></tr>
 * <tr><td>{@code bytes}</td><td>bare byte string</td><td>{@code byte[]}, {@link dev.spindle.pb.jelly.ByteString}</td>
 *     <td>{@code ByteString} (content equality, usable as a key)</td></tr>
 * <tr><td>{@code str}</td><td>{@code ["unicode", utf8]}</td><td>{@code String}; lone surrogates refused</td>
 *     <td>{@code String}; strict UTF-8</td></tr>
 * <tr><td>{@code list}</td><td>{@code ["list", ...]}</td><td>any {@code java.util.List}</td><td>{@code ArrayList}</td></tr>
 * <tr><td>{@code tuple}</td><td>{@code ["tuple", ...]}</td><td>{@link dev.spindle.pb.jelly.Tuple}</td><td>{@code Tuple}</td></tr>
 * <tr><td>{@code dict}</td><td>{@code ["dictionary", [k, v], ...]}</td><td>any {@code java.util.Map}, in its iteration order</td>
 *     <td>{@code LinkedHashMap} (insertion order)</td></tr>
 * <tr><td>{@code set}</td><td>{@code ["set", ...]}</td><td>any {@code java.util.Set} but {@code FrozenSet}</td><td>{@code LinkedHashSet}</td></tr>
 * <tr><td>{@code frozenset}</td><td>{@code ["frozenset", ...]}</td><td>{@link dev.spindle.pb.jelly.FrozenSet}</td><td>{@code FrozenSet}</td></tr>
 * <tr><td>{@code decimal.Decimal}</td><td>{@code ["decimal", signed coefficient, exponent]}</td>
 *     <td>{@code BigDecimal} (always finite)</td><td>{@code BigDecimal}; Python's {@code -0} arrives as 0, as in Twisted</td></tr>
 * <tr><td>naive {@code datetime}</td><td>{@code ["datetime", "Y M D h m s us"]}</td><td>{@code LocalDateTime}</td><td>{@code LocalDateTime}</td></tr>
 * <tr><td>{@code date}</td><td>{@code ["date", "Y M D"]}</td><td>{@code LocalDate}</td><td>{@code LocalDate}</td></tr>
 * <tr><td>naive {@code time}</td><td>{@code ["time", "h m s us"]}</td><td>{@code LocalTime}</td><td>{@code LocalTime}</td></tr>
 * <tr><td>{@code timedelta}</td><td>{@code ["timedelta", "days seconds us"]}, normalized
 *     {@code 0 <= seconds < 86400}</td><td>{@code Duration}</td><td>{@code Duration}</td></tr>
 * <tr><td>{@code jelly.Unpersistable}</td><td>{@code ["unpersistable", reason]}</td><td>{@link dev.spindle.pb.jelly.Unpersistable}
 *     (reason sent as UTF-8)</td><td>{@code Unpersistable("Unpersistable data: b'reason'")}, Twisted's text;
 *     {@code ["persistent", ...]} gives {@code Unpersistable("Persistent callback not found")}</td></tr>
 * <tr><td>instance of {@code pkg.Class}</td><td>{@code ["pkg.Class", state]}</td><td>exact instance of a class
 *     registered with {@link dev.spindle.pb.jelly.JellyRegistry.Builder#register}; if the security options
 *     refuse its name: {@code ["unpersistable", "instance of class pkg.Class deemed insecure"]}</td>
 *     <td>the registered class, if allowed; else {@link dev.spindle.pb.jelly.InsecureJellyException}</td></tr>
 * <tr><td>PB flavors, anything custom</td><td>whatever it writes</td><td>{@link dev.spindle.pb.jelly.Jellyable}
 *     (asked first)</td><td>the {@link dev.spindle.pb.jelly.UnjellyHandler} registered for the head</td></tr>
 * </table>
 *
 * <p>Jelly refuses, with {@link dev.spindle.pb.jelly.JellyException}: every other Java type
 * (enums, arrays other than {@code byte[]}, {@code Character}, {@code Instant}, unregistered
 * classes, a subclass of a registered class); {@code OffsetDateTime}, {@code ZonedDateTime} and
 * {@code OffsetTime} (Twisted refuses time zones); times and durations with sub-microsecond
 * digits (Python has microseconds; truncate first); years outside 1 to 9999 and durations beyond
 * 999,999,999 days (Python's ranges); an unhashable dictionary key or set element (a list, map,
 * mutable set, or a tuple holding one), which Python could not rebuild. Python values with no Java
 * counterpart (modules, functions, methods, classes, {@code Decimal} infinities and NaN, aware
 * datetimes) are never produced; their heads are refused on unjelly.
 *
 * <h2>Identity, cycles, depth</h2>
 *
 * <p>Within one call, a {@code List}, {@code Tuple}, {@code Map}, {@code Set}, {@code FrozenSet},
 * registered instance or identity-tracking {@code Jellyable} reached twice (by {@code ==}) is sent
 * once as {@code ["reference", n, ...]} and then as {@code ["dereference", n]}, numbered in order of
 * second sightings exactly as Twisted does. Unjelly rebuilds the same sharing and cycles: a list or
 * dictionary containing itself, a tuple inside a list inside the tuple, a two-phase registered
 * instance whose state refers to it, and forward references (patched into lists, tuples,
 * dictionaries and sets). Not supported, with {@link dev.spindle.pb.jelly.MalformedJellyException}:
 * a cycle back to an instance built by a factory from its state, or to a handler's object that did
 * not call {@link dev.spindle.pb.jelly.Unjellier#bindBlank}; and a dictionary key or set element
 * that is a tuple or frozenset still being built (reachable only through a forward reference or a
 * tuple containing itself, which Python cannot build). Jelly and unjelly walk containers with explicit work stacks, not recursion, so
 * deep structures cost heap rather than Java stack; only {@link dev.spindle.pb.jelly.Jellyable}s
 * and {@link dev.spindle.pb.jelly.UnjellyHandler}s re-enter. Nesting deeper than {@link
 * dev.spindle.pb.jelly.JellyRegistry#maxDepth()} (default 1,000, above the roughly 980 levels of
 * nested dictionaries Twisted can jelly and the 330 it can unjelly) is refused with a clear
 * exception.
 *
 * <h2>Security</h2>
 *
 * <p>Unjelly denies by default: every head must be allowed by the {@link
 * dev.spindle.pb.jelly.SecurityOptions}, and a class name must also be registered. There is no
 * allow-everything mode. Errors are {@link dev.spindle.pb.jelly.InsecureJellyException} (a refused
 * or unknown type, naming it) and {@link dev.spindle.pb.jelly.MalformedJellyException}, both {@link
 * dev.spindle.pb.jelly.JellyException}s.
 */
package dev.spindle.pb.jelly;
