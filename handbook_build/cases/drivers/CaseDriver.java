import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Runs a case-file request against a Java solution: the Java side of
 * handbook_build/cases/drivers.py (the protocol is there).
 *
 * <p>usage: java CaseDriver TwoSum (the request arrives on stdin). A function
 * problem is a static method of that class (two_sum is twoSum); a class
 * problem is that class or a public class nested in it. IllegalArgumentException
 * is invalid_argument, NoSuchElementException is empty, as the JDK throws them.
 * The JDK has no JSON library, so a small reader and writer are below.
 */
public final class CaseDriver {
    private CaseDriver() {}

    public static void main(String[] args) throws IOException {
        Map<?, ?> request = (Map<?, ?>) Json.parse(readAll(System.in));
        String kind = (String) request.get("kind");
        String target = (String) request.get("target");
        Class<?> owner;
        try {
            owner = Class.forName(args[0]);
        } catch (ClassNotFoundException e) {
            fatal("no class " + args[0]);
            return;
        }
        List<?> cases = (List<?>) request.get("cases");
        if (kind.equals("class")) {
            Class<?> cls = findClass(owner, target);
            if (cls == null) {
                fatal(args[0] + ".java has no class " + target);
                return;
            }
            for (Object c : cases) {
                System.out.println(Json.write(runClass(cls, (Map<?, ?>) c)));
            }
        } else {
            Method method = findMethod(owner, camel(target));
            if (method == null) {
                fatal(args[0] + ".java has no static method " + camel(target));
                return;
            }
            List<?> argTypes = (List<?>) request.get("arg_types");
            Object resultType = request.get("result_type");
            for (Object c : cases) {
                System.out.println(Json.write(runFunction(method, (Map<?, ?>) c, argTypes, (String) resultType)));
            }
        }
    }

    private static void fatal(String why) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fatal", why);
        System.out.println(Json.write(out));
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    static String camel(String snake) {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char ch : snake.toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return b.toString();
    }

    private static Class<?> findClass(Class<?> owner, String name) {
        if (owner.getSimpleName().equals(name)) {
            return owner;
        }
        for (Class<?> nested : owner.getDeclaredClasses()) {
            if (nested.getSimpleName().equals(name)) {
                return nested;
            }
        }
        return null;
    }

    private static Method findMethod(Class<?> owner, String name) {
        for (Method m : owner.getDeclaredMethods()) {
            if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers())) {
                m.setAccessible(true);
                return m;
            }
        }
        return null;
    }

    private static String codecAt(List<?> codecs, int i) {
        return codecs != null && i < codecs.size() ? (String) codecs.get(i) : null;
    }

    private static Map<String, Object> runFunction(Method method, Map<?, ?> c, List<?> codecs, String resultType) {
        List<?> raw = (List<?>) c.get("args");
        Type[] types = method.getGenericParameterTypes();
        if (types.length != raw.size()) {
            return failure(new IllegalStateException(raw.size() + " arguments given, " + method.getName()
                    + " takes " + types.length));
        }
        Object[] args = new Object[raw.size()];
        try {
            for (int i = 0; i < args.length; i++) {
                args[i] = decode(codecAt(codecs, i), raw.get(i), types[i]);
            }
        } catch (RuntimeException e) {
            return failure(e);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            Object result = method.invoke(null, args);
            Object inPlace = c.get("in_place");
            if (inPlace != null) {
                int index = ((Number) inPlace).intValue();
                out.put("result", encode(codecAt(codecs, index), args[index]));
                return out;
            }
            boolean absent = isAbsent(result);
            out.put("result", absent ? null : encode(resultType, unwrap(result)));
            out.put("absent", absent);
            return out;
        } catch (InvocationTargetException e) {
            return failure(e.getCause());
        } catch (IllegalAccessException e) {
            return failure(e);
        }
    }

    private static Map<String, Object> runClass(Class<?> cls, Map<?, ?> c) {
        List<Object> results = new ArrayList<>();
        List<?> init = (List<?>) c.get("init");
        Object instance;
        try {
            instance = construct(cls, init);
        } catch (InvocationTargetException e) {
            return withCall(failure(e.getCause()), results, 0);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return withCall(failure(e), results, 0);
        }
        boolean absent = false;
        int number = 0;
        for (Object stepObject : (List<?>) c.get("calls")) {
            number++;
            List<?> step = (List<?>) stepObject;
            String name = camel((String) step.get(0));
            List<?> raw = step.subList(1, step.size());
            Method method = instanceMethod(cls, name, raw.size());
            if (method == null) {
                return withCall(failure(new NoSuchMethodException(cls.getSimpleName() + "." + name)), results, number);
            }
            try {
                Type[] types = method.getGenericParameterTypes();
                Object[] args = new Object[raw.size()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = decode(null, raw.get(i), types[i]);
                }
                Object result = method.invoke(instance, args);
                absent = isAbsent(result);
                results.add(absent ? null : encode(null, unwrap(result)));
            } catch (InvocationTargetException e) {
                return withCall(failure(e.getCause()), results, number);
            } catch (IllegalAccessException | RuntimeException e) {
                return withCall(failure(e), results, number);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("results", results);
        out.put("absent", absent);
        return out;
    }

    private static Object construct(Class<?> cls, List<?> init) throws ReflectiveOperationException {
        for (Constructor<?> k : cls.getDeclaredConstructors()) {
            if (k.getParameterCount() == init.size()) {
                k.setAccessible(true);
                Type[] types = k.getGenericParameterTypes();
                Object[] args = new Object[init.size()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = decode(null, init.get(i), types[i]);
                }
                return k.newInstance(args);
            }
        }
        throw new NoSuchMethodException(cls.getSimpleName() + " has no constructor taking " + init.size());
    }

    private static Method instanceMethod(Class<?> cls, String name, int arity) {
        for (Method m : cls.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == arity && !Modifier.isStatic(m.getModifiers())) {
                m.setAccessible(true);
                return m;
            }
        }
        return null;
    }

    private static Map<String, Object> withCall(Map<String, Object> out, List<Object> results, int number) {
        out.put("results", results);
        out.put("call", number);
        return out;
    }

    private static Map<String, Object> failure(Throwable e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("raises", e instanceof IllegalArgumentException ? "invalid_argument"
                : e instanceof NoSuchElementException ? "empty" : null);
        out.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        return out;
    }

    private static boolean isAbsent(Object result) {
        return result instanceof Optional<?> o && o.isEmpty()
                || result instanceof OptionalInt o2 && o2.isEmpty()
                || result instanceof OptionalLong o3 && o3.isEmpty()
                || result instanceof OptionalDouble o4 && o4.isEmpty();
    }

    private static Object unwrap(Object result) {
        if (result instanceof Optional<?> o) {
            return o.orElse(null);
        }
        if (result instanceof OptionalInt o) {
            return o.getAsInt();
        }
        if (result instanceof OptionalLong o) {
            return o.getAsLong();
        }
        if (result instanceof OptionalDouble o) {
            return o.getAsDouble();
        }
        return result;
    }

    // JSON -> the parameter's type ---------------------------------------------------

    static Object decode(String codec, Object json, Type type) {
        Class<?> raw = rawClass(type);
        if ("linked_list".equals(codec)) {
            return buildList((List<?>) json, raw);
        }
        if ("binary_tree".equals(codec)) {
            return buildTree((List<?>) json, raw);
        }
        if (json == null) {
            if (raw.isPrimitive()) {
                throw new IllegalArgumentException("null for a " + raw.getSimpleName() + " parameter");
            }
            return null;
        }
        if (raw == int.class || raw == Integer.class) {
            return ((Number) json).intValue();
        }
        if (raw == long.class || raw == Long.class) {
            return ((Number) json).longValue();
        }
        if (raw == double.class || raw == Double.class) {
            return ((Number) json).doubleValue();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return json;
        }
        if (raw == char.class || raw == Character.class) {
            return ((String) json).charAt(0);
        }
        if (raw == String.class) {
            return json;
        }
        if (raw.isArray()) {
            if (raw.getComponentType() == char.class && json instanceof String s) {
                return s.toCharArray();
            }
            List<?> items = (List<?>) json;
            Object array = Array.newInstance(raw.getComponentType(), items.size());
            for (int i = 0; i < items.size(); i++) {
                Array.set(array, i, decode(null, items.get(i), raw.getComponentType()));
            }
            return array;
        }
        if (List.class.isAssignableFrom(raw) || Collection.class == raw) {
            Type item = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            List<Object> list = new ArrayList<>();
            for (Object element : (List<?>) json) {
                list.add(decode(null, element, item));
            }
            return list;
        }
        if (raw == Object.class) {
            return json;
        }
        throw new IllegalArgumentException("the driver cannot pass JSON as a " + type.getTypeName());
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Object newNode(Class<?> nodeClass, Object value) {
        try {
            Constructor<?> k = nodeClass.getDeclaredConstructor(int.class);
            k.setAccessible(true);
            return k.newInstance(((Number) value).intValue());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(nodeClass.getName() + " needs a constructor taking the int value", e);
        }
    }

    private static void setField(Object node, String name, Object value) {
        try {
            Field f = node.getClass().getDeclaredField(name);
            f.setAccessible(true);
            f.set(node, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(node.getClass().getName() + " needs a field " + name, e);
        }
    }

    private static Object getField(Object node, String name) {
        try {
            Field f = node.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return f.get(node);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(node.getClass().getName() + " needs a field " + name, e);
        }
    }

    private static boolean hasField(Object node, String name) {
        try {
            node.getClass().getDeclaredField(name);
            return true;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    private static Object buildList(List<?> values, Class<?> nodeClass) {
        Object head = null;
        for (int i = values.size() - 1; i >= 0; i--) {
            Object node = newNode(nodeClass, values.get(i));
            setField(node, "next", head);
            head = node;
        }
        return head;
    }

    private static Object buildTree(List<?> values, Class<?> nodeClass) {
        if (values.isEmpty() || values.get(0) == null) {
            return null;
        }
        Object root = newNode(nodeClass, values.get(0));
        Deque<Object> queue = new ArrayDeque<>(List.of(root));
        int i = 1;
        while (!queue.isEmpty() && i < values.size()) {
            Object node = queue.removeFirst();
            for (String side : new String[] {"left", "right"}) {
                if (i < values.size() && values.get(i) != null) {
                    Object child = newNode(nodeClass, values.get(i));
                    setField(node, side, child);
                    queue.addLast(child);
                }
                i++;
            }
        }
        return root;
    }

    // a result -> plain JSON values --------------------------------------------------

    static Object encode(String codec, Object value) {
        if (value == null) {
            return codec == null ? null : List.of();
        }
        if ("linked_list".equals(codec) || codec == null && hasField(value, "next") && hasField(value, "val")) {
            List<Object> values = new ArrayList<>();
            int seen = 0;
            for (Object node = value; node != null; node = getField(node, "next")) {
                if (++seen > 1_000_000) {
                    throw new IllegalStateException("the list has more than 1,000,000 nodes; is there a cycle?");
                }
                values.add(getField(node, "val"));
            }
            return values;
        }
        if ("binary_tree".equals(codec) || codec == null && hasField(value, "left") && hasField(value, "val")) {
            List<Object> values = new ArrayList<>();
            Deque<Optional<Object>> queue = new ArrayDeque<>();
            queue.add(Optional.of(value));
            while (!queue.isEmpty()) {
                Optional<Object> node = queue.removeFirst();
                if (node.isEmpty()) {
                    values.add(null);
                    continue;
                }
                values.add(getField(node.get(), "val"));
                queue.addLast(Optional.ofNullable(getField(node.get(), "left")));
                queue.addLast(Optional.ofNullable(getField(node.get(), "right")));
            }
            while (!values.isEmpty() && values.get(values.size() - 1) == null) {
                values.remove(values.size() - 1);
            }
            return values;
        }
        if (value.getClass().isArray()) {
            if (value instanceof char[] chars) {
                return new String(chars);
            }
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(encode(null, Array.get(value, i)));
            }
            return items;
        }
        if (value instanceof Collection<?> items) {
            List<Object> list = new ArrayList<>();
            for (Object item : items) {
                list.add(encode(null, item));
            }
            return list;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), encode(null, v)));
            return out;
        }
        if (value instanceof Character ch) {
            return String.valueOf(ch);
        }
        return value;
    }

    /** Just enough JSON for the protocol: objects, arrays, strings, numbers, true, false, null. */
    static final class Json {
        private final String text;
        private int at;

        private Json(String text) {
            this.text = text;
        }

        static Object parse(String text) {
            Json reader = new Json(text);
            Object value = reader.value();
            reader.space();
            if (reader.at != text.length()) {
                throw new IllegalArgumentException("trailing characters at " + reader.at);
            }
            return value;
        }

        private void space() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private Object value() {
            space();
            char ch = text.charAt(at);
            switch (ch) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                default:
                    break;
            }
            if (text.startsWith("true", at)) {
                at += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("false", at)) {
                at += 5;
                return Boolean.FALSE;
            }
            if (text.startsWith("null", at)) {
                at += 4;
                return null;
            }
            return number();
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            at++;
            space();
            if (text.charAt(at) == '}') {
                at++;
                return map;
            }
            while (true) {
                space();
                String key = string();
                space();
                expect(':');
                map.put(key, value());
                space();
                if (text.charAt(at) == ',') {
                    at++;
                } else {
                    expect('}');
                    return map;
                }
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            at++;
            space();
            if (text.charAt(at) == ']') {
                at++;
                return list;
            }
            while (true) {
                list.add(value());
                space();
                if (text.charAt(at) == ',') {
                    at++;
                } else {
                    expect(']');
                    return list;
                }
            }
        }

        private void expect(char ch) {
            if (text.charAt(at) != ch) {
                throw new IllegalArgumentException("expected '" + ch + "' at " + at);
            }
            at++;
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (text.charAt(at) != '"') {
                char ch = text.charAt(at++);
                if (ch != '\\') {
                    b.append(ch);
                    continue;
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> b.append(escaped);
                }
            }
            at++;
            return b.toString();
        }

        private Object number() {
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            String digits = text.substring(start, at);
            if (digits.isEmpty()) {
                throw new IllegalArgumentException("unexpected character at " + start);
            }
            if (digits.contains(".") || digits.contains("e") || digits.contains("E")) {
                return Double.parseDouble(digits);
            }
            return Long.parseLong(digits);
        }

        static String write(Object value) {
            StringBuilder b = new StringBuilder();
            write(value, b);
            return b.toString();
        }

        private static void write(Object value, StringBuilder b) {
            if (value == null) {
                b.append("null");
            } else if (value instanceof String s) {
                b.append('"');
                for (char ch : s.toCharArray()) {
                    if (ch == '"' || ch == '\\') {
                        b.append('\\').append(ch);
                    } else if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
                b.append('"');
            } else if (value instanceof Map<?, ?> map) {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    write(String.valueOf(e.getKey()), b);
                    b.append(':');
                    write(e.getValue(), b);
                }
                b.append('}');
            } else if (value instanceof List<?> list) {
                b.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    write(list.get(i), b);
                }
                b.append(']');
            } else if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
                b.append("null");
            } else {
                b.append(value); // Boolean, Integer, Long, Double
            }
        }
    }
}
