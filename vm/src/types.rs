//! The built-in classes (`int`, `list`, ..., the exception hierarchy) and `type_of`.

use std::cell::RefCell;

use crate::object::{Class, Layout, Obj};
use crate::value::Value;
use crate::vm::Vm;

macro_rules! types_struct {
    ($($field:ident),* $(,)?) => {
        /// Every built-in class, by field.
        pub struct Types {
            $(pub $field: Value,)*
            pub empty_tuple: Value,
        }

        impl Types {
            /// All `NONE`: replaced by `create` before the VM runs anything.
            pub fn placeholder() -> Types {
                Types { $($field: Value::NONE,)* empty_tuple: Value::NONE }
            }

            pub fn trace(&self, mark: &mut dyn FnMut(Value)) {
                $(mark(self.$field);)*
                mark(self.empty_tuple);
            }
        }
    };
}

types_struct!(
    object,
    type_,
    int,
    bool_,
    float,
    str_,
    list,
    tuple,
    dict,
    set,
    frozenset,
    range,
    slice,
    nonetype,
    function,
    builtin_function,
    method,
    module,
    generator,
    iterator,
    enumerate,
    zip,
    map,
    filter,
    reversed,
    callable_iterator,
    cell,
    property,
    staticmethod,
    classmethod,
    super_,
    ellipsis,
    dict_keys,
    dict_values,
    dict_items,
    base_exception,
    system_exit,
    keyboard_interrupt,
    generator_exit,
    exception,
    stop_iteration,
    arithmetic_error,
    floating_point_error,
    overflow_error,
    zero_division_error,
    assertion_error,
    attribute_error,
    lookup_error,
    index_error,
    key_error,
    name_error,
    unbound_local_error,
    runtime_error,
    not_implemented_error,
    recursion_error,
    type_error,
    value_error,
    unicode_error,
    import_error,
    module_not_found_error,
    memory_error,
    os_error,
    eof_error,
    buffer_error,
);

/// Creates a class object. `base` is `NONE` only for `object`.
pub fn new_class(vm: &mut Vm, name: Value, base: Value, layout: Layout, module: Value) -> Value {
    let mut mro = vec![];
    if let Some(Obj::Class(b)) = base.as_obj() {
        mro.push(base);
        mro.extend(b.mro.iter().copied());
    }
    let root_shape = vm.shapes.new_root();
    vm.heap.alloc(Obj::Class(Box::new(Class {
        name,
        base,
        mro: mro.into_boxed_slice(),
        dict: RefCell::new(Default::default()),
        layout,
        root_shape,
        module,
    })))
}

impl Types {
    /// Builds every built-in class.
    pub fn create(vm: &mut Vm) -> Types {
        let builtins_name = vm.intern("builtins");
        let mut mk = |vm: &mut Vm, name: &str, base: Value, layout: Layout| {
            let n = vm.intern(name);
            new_class(vm, n, base, layout, builtins_name)
        };
        let object = mk(vm, "object", Value::NONE, Layout::Object);
        let b =
            |vm: &mut Vm, name: &str, mk: &mut dyn FnMut(&mut Vm, &str, Value, Layout) -> Value| {
                mk(vm, name, object, Layout::Builtin)
            };
        let int = b(vm, "int", &mut mk);
        let bool_ = mk(vm, "bool", int, Layout::Builtin);
        let base_exception = mk(vm, "BaseException", object, Layout::Exception);
        let e = |vm: &mut Vm,
                 name: &str,
                 base: Value,
                 mk: &mut dyn FnMut(&mut Vm, &str, Value, Layout) -> Value| {
            mk(vm, name, base, Layout::Exception)
        };
        let exception = e(vm, "Exception", base_exception, &mut mk);
        let arithmetic_error = e(vm, "ArithmeticError", exception, &mut mk);
        let lookup_error = e(vm, "LookupError", exception, &mut mk);
        let name_error = e(vm, "NameError", exception, &mut mk);
        let runtime_error = e(vm, "RuntimeError", exception, &mut mk);
        let value_error = e(vm, "ValueError", exception, &mut mk);
        let import_error = e(vm, "ImportError", exception, &mut mk);
        let mut t = Types {
            object,
            type_: b(vm, "type", &mut mk),
            int,
            bool_,
            float: b(vm, "float", &mut mk),
            str_: b(vm, "str", &mut mk),
            list: b(vm, "list", &mut mk),
            tuple: b(vm, "tuple", &mut mk),
            dict: b(vm, "dict", &mut mk),
            set: b(vm, "set", &mut mk),
            frozenset: b(vm, "frozenset", &mut mk),
            range: b(vm, "range", &mut mk),
            slice: b(vm, "slice", &mut mk),
            nonetype: b(vm, "NoneType", &mut mk),
            function: b(vm, "function", &mut mk),
            builtin_function: b(vm, "builtin_function_or_method", &mut mk),
            method: b(vm, "method", &mut mk),
            module: b(vm, "module", &mut mk),
            generator: b(vm, "generator", &mut mk),
            iterator: b(vm, "iterator", &mut mk),
            enumerate: b(vm, "enumerate", &mut mk),
            zip: b(vm, "zip", &mut mk),
            map: b(vm, "map", &mut mk),
            filter: b(vm, "filter", &mut mk),
            reversed: b(vm, "reversed", &mut mk),
            callable_iterator: b(vm, "callable_iterator", &mut mk),
            cell: b(vm, "cell", &mut mk),
            property: b(vm, "property", &mut mk),
            staticmethod: b(vm, "staticmethod", &mut mk),
            classmethod: b(vm, "classmethod", &mut mk),
            super_: b(vm, "super", &mut mk),
            ellipsis: mk(vm, "ellipsis", object, Layout::Object),
            dict_keys: b(vm, "dict_keys", &mut mk),
            dict_values: b(vm, "dict_values", &mut mk),
            dict_items: b(vm, "dict_items", &mut mk),
            base_exception,
            system_exit: e(vm, "SystemExit", base_exception, &mut mk),
            keyboard_interrupt: e(vm, "KeyboardInterrupt", base_exception, &mut mk),
            generator_exit: e(vm, "GeneratorExit", base_exception, &mut mk),
            exception,
            stop_iteration: e(vm, "StopIteration", exception, &mut mk),
            arithmetic_error,
            floating_point_error: e(vm, "FloatingPointError", arithmetic_error, &mut mk),
            overflow_error: e(vm, "OverflowError", arithmetic_error, &mut mk),
            zero_division_error: e(vm, "ZeroDivisionError", arithmetic_error, &mut mk),
            assertion_error: e(vm, "AssertionError", exception, &mut mk),
            attribute_error: e(vm, "AttributeError", exception, &mut mk),
            lookup_error,
            index_error: e(vm, "IndexError", lookup_error, &mut mk),
            key_error: e(vm, "KeyError", lookup_error, &mut mk),
            name_error,
            unbound_local_error: e(vm, "UnboundLocalError", name_error, &mut mk),
            runtime_error,
            not_implemented_error: e(vm, "NotImplementedError", runtime_error, &mut mk),
            recursion_error: e(vm, "RecursionError", runtime_error, &mut mk),
            type_error: e(vm, "TypeError", exception, &mut mk),
            value_error,
            unicode_error: e(vm, "UnicodeError", value_error, &mut mk),
            import_error,
            module_not_found_error: e(vm, "ModuleNotFoundError", import_error, &mut mk),
            memory_error: e(vm, "MemoryError", exception, &mut mk),
            os_error: e(vm, "OSError", exception, &mut mk),
            eof_error: e(vm, "EOFError", exception, &mut mk),
            buffer_error: e(vm, "BufferError", exception, &mut mk),
            empty_tuple: Value::NONE,
        };
        t.empty_tuple = vm.heap.alloc(Obj::Tuple(Box::new([])));
        t
    }

    /// The exception classes, as `(name, class)` for the builtins module.
    pub fn exception_classes(&self) -> Vec<Value> {
        vec![
            self.base_exception,
            self.system_exit,
            self.keyboard_interrupt,
            self.generator_exit,
            self.exception,
            self.stop_iteration,
            self.arithmetic_error,
            self.floating_point_error,
            self.overflow_error,
            self.zero_division_error,
            self.assertion_error,
            self.attribute_error,
            self.lookup_error,
            self.index_error,
            self.key_error,
            self.name_error,
            self.unbound_local_error,
            self.runtime_error,
            self.not_implemented_error,
            self.recursion_error,
            self.type_error,
            self.value_error,
            self.unicode_error,
            self.import_error,
            self.module_not_found_error,
            self.memory_error,
            self.os_error,
            self.eof_error,
            self.buffer_error,
        ]
    }
}

impl Vm {
    /// The class of any value.
    #[inline]
    pub fn type_of(&self, v: Value) -> Value {
        if v.is_small_int() {
            return self.types.int;
        }
        if v.is_float() {
            return self.types.float;
        }
        let t = &self.types;
        match v.as_obj() {
            None if v.is_bool() => t.bool_,
            None => t.nonetype,
            Some(o) => match o {
                Obj::Str(_) => t.str_,
                Obj::Int(_) => t.int,
                Obj::Tuple(_) => t.tuple,
                Obj::List(_) => t.list,
                Obj::Dict(_) => t.dict,
                Obj::Set(s) if s.frozen => t.frozenset,
                Obj::Set(_) => t.set,
                Obj::Range(_) => t.range,
                Obj::Slice(_) => t.slice,
                Obj::Function(_) => t.function,
                Obj::Native(_) => t.builtin_function,
                Obj::BoundMethod(..) => t.method,
                Obj::Class(_) => t.type_,
                Obj::Instance(i) => i.class,
                Obj::Module(_) => t.module,
                Obj::Iter(it) => match &*it.borrow() {
                    crate::object::IterState::Enumerate { .. } => t.enumerate,
                    crate::object::IterState::Zip { .. } => t.zip,
                    crate::object::IterState::Map { .. } => t.map,
                    crate::object::IterState::Filter { .. } => t.filter,
                    crate::object::IterState::Reversed { .. } => t.reversed,
                    crate::object::IterState::Callable { .. } => t.callable_iterator,
                    _ => t.iterator,
                },
                Obj::Generator(_) => t.generator,
                Obj::Cell(_) => t.cell,
                Obj::Property(..) => t.property,
                Obj::StaticMethod(_) => t.staticmethod,
                Obj::ClassMethod(_) => t.classmethod,
                Obj::Super(..) => t.super_,
                Obj::DictView { what, .. } => match what {
                    crate::object::ViewKind::Keys => t.dict_keys,
                    crate::object::ViewKind::Values => t.dict_values,
                    crate::object::ViewKind::Items => t.dict_items,
                },
            },
        }
    }

    /// `issubclass(a, b)` for classes.
    pub fn is_subclass(&self, a: Value, b: Value) -> bool {
        if a == b {
            return true;
        }
        match a.as_obj() {
            Some(Obj::Class(c)) => c.mro.contains(&b),
            _ => false,
        }
    }

    /// `isinstance(v, cls)` for a single class.
    pub fn is_instance(&self, v: Value, cls: Value) -> bool {
        self.is_subclass(self.type_of(v), cls)
    }

    /// The `__name__` of a class.
    pub fn class_name(&self, cls: Value) -> &str {
        match cls.as_obj() {
            Some(Obj::Class(c)) => self.str_of(c.name).unwrap_or("?"),
            _ => "?",
        }
    }

    /// The class name of a value's type, for error messages.
    pub fn type_name(&self, v: Value) -> String {
        self.class_name(self.type_of(v)).to_string()
    }

    /// Looks `name` (interned) up along `cls`'s MRO, through the type-attribute cache.
    #[inline]
    pub fn class_lookup(&self, cls: Value, name: Value) -> Option<Value> {
        let slot = &self.attr_cache[attr_cache_index(cls, name)];
        let e = slot.get();
        if e.class == cls && e.name == name && e.epoch == self.class_epoch {
            return (!e.value.is_empty()).then_some(e.value);
        }
        let found = self.class_lookup_uncached(cls, name);
        slot.set(AttrCacheEntry {
            class: cls,
            name,
            epoch: self.class_epoch,
            value: found.unwrap_or(Value::EMPTY),
        });
        found
    }

    fn class_lookup_uncached(&self, cls: Value, name: Value) -> Option<Value> {
        let Some(Obj::Class(c)) = cls.as_obj() else {
            return None;
        };
        if let Some(v) = c.dict.borrow().get(&name) {
            return Some(*v);
        }
        for k in c.mro.iter() {
            if let Some(Obj::Class(kc)) = k.as_obj() {
                if let Some(v) = kc.dict.borrow().get(&name) {
                    return Some(*v);
                }
            }
        }
        None
    }

    /// Sets a class attribute and invalidates attribute caches.
    pub fn class_set(&mut self, cls: Value, name: Value, v: Value) {
        if let Some(Obj::Class(c)) = cls.as_obj() {
            c.dict.borrow_mut().insert(name, v);
            self.class_epoch = self.class_epoch.wrapping_add(1);
        }
    }

    /// A fresh instance of a user (or exception) class, with no attributes.
    pub fn new_instance_of(&mut self, cls: Value) -> Value {
        let (shape, exc) = match cls.as_obj() {
            Some(Obj::Class(c)) => (c.root_shape, c.layout == Layout::Exception),
            _ => (0, false),
        };
        self.heap.alloc(Obj::Instance(crate::object::Instance {
            class: cls,
            shape: std::cell::Cell::new(shape),
            slots: RefCell::new(Vec::new()),
            exc: exc.then(|| Box::new(crate::object::ExcInfo::new())),
        }))
    }
}

/// One entry of the type-attribute cache: `(class, name)` looked up at `epoch` gave `value`
/// (`EMPTY` for "not found"). Any class mutation bumps the epoch, invalidating every entry.
#[derive(Copy, Clone)]
pub struct AttrCacheEntry {
    class: Value,
    name: Value,
    epoch: u32,
    value: Value,
}

/// Entries in the type-attribute cache (a power of two).
pub const ATTR_CACHE_SIZE: usize = 4096;

impl AttrCacheEntry {
    /// Marks the values an entry keeps alive (classes and cached attributes are GC objects).
    pub fn trace(&self, mark: &mut dyn FnMut(Value)) {
        mark(self.class);
        mark(self.name);
        mark(self.value);
    }
}

impl Default for AttrCacheEntry {
    fn default() -> Self {
        AttrCacheEntry {
            class: Value::NONE,
            name: Value::NONE,
            epoch: u32::MAX,
            value: Value::EMPTY,
        }
    }
}

fn attr_cache_index(cls: Value, name: Value) -> usize {
    let h = (cls.bits() >> 4) ^ (name.bits() >> 3).wrapping_mul(0x9E37_79B9);
    (h as usize) & (ATTR_CACHE_SIZE - 1)
}
