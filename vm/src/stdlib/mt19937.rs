//! Bit-exact port of CPython 3.11's Mersenne Twister (`_random`) plus `random.py`'s integer algorithms.

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// Largest `k` CPython accepts for `getrandbits(k)`: `k` is converted to a C `int`, so
/// bigger values raise `OverflowError("Python int too large to convert to C int")`.
pub const GETRANDBITS_MAX: u64 = i32::MAX as u64;

/// A Mersenne Twister generator with exactly the state layout of CPython's `RandomObject`.
#[derive(Clone, Debug)]
pub struct Mt19937 {
    state: [u32; N],
    index: usize,
}

impl Default for Mt19937 {
    fn default() -> Self {
        Self::new()
    }
}

impl Mt19937 {
    /// A generator seeded like `random.seed(0)`; callers normally reseed right away.
    pub fn new() -> Self {
        let mut mt = Self::new_unseeded();
        mt.init_by_array(&[0]);
        mt
    }

    /// A zeroed generator that has not been seeded; call one of the `seed_*` methods before
    /// drawing from it (an unseeded generator only ever produces zeros).
    pub fn new_unseeded() -> Self {
        Mt19937 {
            state: [0; N],
            index: N,
        }
    }

    /// A generator seeded like `random.Random(n)` for an `int` seed `n`.
    pub fn from_int(n: &BigInt) -> Self {
        let mut mt = Self::new();
        mt.seed_from_int(n);
        mt
    }

    /// CPython `init_genrand`: the reference MT19937 single-word initialisation.
    pub fn init_genrand(&mut self, s: u32) {
        self.state[0] = s;
        for i in 1..N {
            let prev = self.state[i - 1];
            self.state[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    /// CPython `init_by_array`. An empty key behaves like `[0]` (CPython never passes one).
    pub fn init_by_array(&mut self, key: &[u32]) {
        let key: &[u32] = if key.is_empty() { &[0] } else { key };
        self.init_genrand(19_650_218);
        let mt = &mut self.state;
        let mut i = 1usize;
        let mut j = 0usize;
        for _ in 0..N.max(key.len()) {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = mt[i - 1];
            mt[i] =
                (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
    }

    /// `random.seed(n)` for an `int` (or `bool`) seed: `abs(n)` split into little-endian
    /// 32-bit words (`[0]` for zero) fed to [`Mt19937::init_by_array`].
    pub fn seed_from_int(&mut self, n: &BigInt) {
        let mut key = n.magnitude().to_u32_digits();
        if key.is_empty() {
            key.push(0);
        }
        self.init_by_array(&key);
    }

    /// `random.seed(None)`: seeds from 624 words of OS entropy (`/dev/urandom`), falling back to
    /// the clock and process id when that is unavailable. Output is not reproducible.
    pub fn seed_from_entropy(&mut self) {
        use std::io::Read;
        let mut bytes = vec![0u8; N * 4];
        let from_os = std::fs::File::open("/dev/urandom")
            .and_then(|mut f| f.read_exact(&mut bytes))
            .is_ok();
        if from_os {
            let key: Vec<u32> = bytes
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect();
            self.init_by_array(&key);
        } else {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            let pid = std::process::id();
            self.init_by_array(&[
                nanos as u32,
                (nanos >> 32) as u32,
                (nanos >> 64) as u32,
                pid,
            ]);
        }
    }

    /// Same as [`Mt19937::seed_from_entropy`] (the clock is only the fallback source).
    pub fn seed_from_time(&mut self) {
        self.seed_from_entropy();
    }

    /// The 624 state words (first half of `random.getstate()[1]`).
    pub fn state_words(&self) -> &[u32; N] {
        &self.state
    }

    /// The position in the state (last element of `random.getstate()[1]`), in `0..=624`.
    pub fn index(&self) -> usize {
        self.index
    }

    /// `random.setstate`: restores words and position. Errors (CPython's
    /// `ValueError("invalid state")`) when `index > 624`.
    pub fn set_state(&mut self, words: &[u32; N], index: usize) -> Result<(), String> {
        if index > N {
            return Err("invalid state".to_string());
        }
        self.state = *words;
        self.index = index;
        Ok(())
    }

    fn twist(&mut self) {
        let mt = &mut self.state;
        let mag = |y: u32| if y & 1 == 0 { 0 } else { MATRIX_A };
        for kk in 0..N - M {
            let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M] ^ (y >> 1) ^ mag(y);
        }
        for kk in N - M..N - 1 {
            let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M - N] ^ (y >> 1) ^ mag(y);
        }
        let y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ mag(y);
        self.index = 0;
    }

    /// CPython `genrand_uint32`: the next tempered 32-bit output.
    pub fn genrand_u32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    /// `random.random()`: a float in `[0.0, 1.0)` built from two outputs (53 bits).
    pub fn random(&mut self) -> f64 {
        let a = self.genrand_u32() >> 5;
        let b = self.genrand_u32() >> 6;
        (f64::from(a) * 67_108_864.0 + f64::from(b)) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `random.getrandbits(k)`: a uniform int in `[0, 2**k)`. `k == 0` returns 0 without
    /// consuming output. Words are filled least significant first; the most significant
    /// word keeps only its top `k % 32` bits.
    ///
    /// Callers must raise `OverflowError` for `k > GETRANDBITS_MAX` like CPython (and
    /// `ValueError("number of bits must be non-negative")` for negative `k`); larger `k`
    /// is clamped to [`GETRANDBITS_MAX`] here so the call can never attempt an absurd allocation.
    pub fn getrandbits(&mut self, k: u64) -> BigUint {
        let k = k.min(GETRANDBITS_MAX);
        if k == 0 {
            return BigUint::zero();
        }
        if k <= 32 {
            return BigUint::from(self.genrand_u32() >> (32 - k));
        }
        let words = ((k - 1) / 32 + 1) as usize;
        let mut digits = Vec::with_capacity(words);
        let mut remaining = k;
        for _ in 0..words {
            let mut r = self.genrand_u32();
            if remaining < 32 {
                r >>= 32 - remaining;
            }
            digits.push(r);
            remaining = remaining.saturating_sub(32);
        }
        BigUint::new(digits)
    }

    /// `getrandbits(k)` for `k <= 64` as a `u64`; identical output and consumption.
    fn getrandbits_u64(&mut self, k: u32) -> u64 {
        match k {
            0 => 0,
            1..=32 => u64::from(self.genrand_u32() >> (32 - k)),
            _ => {
                let lo = u64::from(self.genrand_u32());
                let hi_bits = k.min(64) - 32;
                let hi = u64::from(self.genrand_u32() >> (32 - hi_bits));
                (hi << 32) | lo
            }
        }
    }

    /// `Random._randbelow_with_getrandbits(n)`: uniform in `[0, n)` by rejection sampling with
    /// `k = n.bit_length()` bits. CPython requires `n > 0` (it loops forever on 0); here
    /// `n == 0` returns 0 without consuming output.
    pub fn randbelow(&mut self, n: &BigUint) -> BigUint {
        if let Some(small) = n.to_u64() {
            return BigUint::from(self.randbelow_u64(small));
        }
        let k = n.bits();
        loop {
            let r = self.getrandbits(k);
            if &r < n {
                return r;
            }
        }
    }

    /// Fast path of [`Mt19937::randbelow`] for `n` that fits in a `u64`; same results and
    /// the same generator consumption. `n == 0` returns 0 without consuming output.
    pub fn randbelow_u64(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.getrandbits_u64(k);
            if r < n {
                return r;
            }
        }
    }

    /// [`Mt19937::randbelow_u64`] for a `usize` bound.
    pub fn randbelow_usize(&mut self, n: usize) -> usize {
        self.randbelow_u64(n as u64) as usize
    }

    fn randbelow_int(&mut self, n: &BigInt) -> BigInt {
        BigInt::from_biguint(Sign::Plus, self.randbelow(n.magnitude()))
    }

    /// `random.randrange(start, stop, step)` for already-converted int arguments
    /// (`stop == None` means `randrange(start)`). `Err` carries the message of the
    /// `ValueError` CPython 3.11 raises, e.g. `"empty range for randrange() (5, 5, 0)"`.
    ///
    /// Not handled here: when `stop` is `None` but a `step` was passed explicitly, CPython
    /// raises `TypeError("Missing a non-None stop argument")` before anything else (that
    /// check is `step is not _ONE`, so the caller must do it); and the deprecated float
    /// argument path (`ValueError("non-integer arg 1 for randrange()")` etc.).
    pub fn randrange(
        &mut self,
        start: &BigInt,
        stop: Option<&BigInt>,
        step: &BigInt,
    ) -> Result<BigInt, String> {
        let Some(stop) = stop else {
            if start.is_positive() {
                return Ok(self.randbelow_int(start));
            }
            return Err("empty range for randrange()".to_string());
        };
        let width = stop - start;
        if step.is_one() {
            if width.is_positive() {
                return Ok(start + self.randbelow_int(&width));
            }
            return Err(format!(
                "empty range for randrange() ({start}, {stop}, {width})"
            ));
        }
        let n = if step.is_positive() {
            (&width + step - BigInt::one()).div_floor(step)
        } else if step.is_negative() {
            (&width + step + BigInt::one()).div_floor(step)
        } else {
            return Err("zero step for randrange()".to_string());
        };
        if !n.is_positive() {
            return Err("empty range for randrange()".to_string());
        }
        Ok(start + step * self.randbelow_int(&n))
    }

    /// `random.randint(a, b)`, i.e. `randrange(a, b + 1)`; same error messages.
    pub fn randint(&mut self, a: &BigInt, b: &BigInt) -> Result<BigInt, String> {
        let stop = b + 1;
        self.randrange(a, Some(&stop), &BigInt::one())
    }

    /// The index `random.choice(seq)` picks for a sequence of length `len`; `Err` is the
    /// message of CPython's `IndexError` for an empty sequence.
    pub fn choice_index(&mut self, len: usize) -> Result<usize, String> {
        if len == 0 {
            return Err("Cannot choose from an empty sequence".to_string());
        }
        Ok(self.randbelow_usize(len))
    }

    /// The swaps `random.shuffle(x)` performs on a list of length `len`, in order:
    /// `(i, j)` means `x[i], x[j] = x[j], x[i]`.
    pub fn shuffle_indices(&mut self, len: usize) -> Vec<(usize, usize)> {
        (1..len)
            .rev()
            .map(|i| (i, self.randbelow_usize(i + 1)))
            .collect()
    }

    /// `random.shuffle(x)` in place (Fisher-Yates from the end, `j = randbelow(i + 1)`).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.randbelow_usize(i + 1);
            items.swap(i, j);
        }
    }

    /// `random.uniform(a, b)`: `a + (b - a) * random()`.
    pub fn uniform(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.random()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Case {
        seed: &'static str,
        random: [f64; 5],
        u32s: [u32; 5],
        bits: [&'static str; 10],
        randrange10: [u64; 10],
        randrange_more: [&'static str; 4],
        randint16: [u64; 10],
        randint_big: &'static str,
        choice7: [usize; 10],
        shuffle20: [usize; 20],
        uniform: [f64; 3],
    }

    // Expected values below come from this python3 (CPython 3.11.7) script, one row per seed:
    //   import random
    //   random.seed(s); [random.random() for _ in range(5)]
    //   random.seed(s); [random.getrandbits(32) for _ in range(5)]
    //   random.seed(s); [random.getrandbits(k) for k in (0, 1, 5, 31, 32, 33, 64, 65, 100, 200)]
    //   random.seed(s); [random.randrange(10) for _ in range(10)], random.randrange(3, 100, 7),
    //       random.randrange(100, 3, -7), random.randrange(-10**20, 10**20), random.randrange(2**64)
    //   random.seed(s); [random.randint(1, 6) for _ in range(10)], random.randint(-10**25, 10**25)
    //   random.seed(s); [random.choice(range(7)) for _ in range(10)]
    //   random.seed(s); l = list(range(20)); random.shuffle(l); l
    //   random.seed(s); [random.uniform(-3.5, 10.25) for _ in range(3)]
    // for s in [0, 1, 42, 12345, 2**40+7, -5, 10**30]
    const CASES: &[Case] = &[
        Case {
            seed: "0",
            random: [
                0.8444218515250481,
                0.7579544029403025,
                0.420571580830845,
                0.25891675029296335,
                0.5112747213686085,
            ],
            u32s: [3626764237, 1654615998, 3255389356, 3823568514, 1806341205],
            bits: [
                "0",
                "1",
                "12",
                "1627694678",
                "3823568514",
                "1806341205",
                "17809683713383489082",
                "8963783824838420066",
                "382660370606500376139569129395",
                "350940912432709639925420274004060603524976470726171521301895",
            ],
            randrange10: [6, 6, 0, 4, 8, 7, 6, 4, 7, 5],
            randrange_more: ["66", "79", "-23643877234072934282", "13942126818862981423"],
            randint16: [4, 4, 1, 3, 5, 4, 4, 3, 4, 3],
            randint_big: "-4612102574609718668698407",
            choice7: [6, 3, 6, 3, 0, 2, 4, 3, 3, 6],
            shuffle20: [
                10, 18, 16, 14, 0, 17, 11, 2, 3, 9, 5, 7, 4, 19, 6, 15, 8, 1, 13, 12,
            ],
            uniform: [8.110800458469411, 6.921873040429158, 2.2828592364241187],
        },
        Case {
            seed: "1",
            random: [
                0.13436424411240122,
                0.8474337369372327,
                0.763774618976614,
                0.2550690257394217,
                0.49543508709194095,
            ],
            u32s: [577090037, 2444712010, 3639700191, 3445702192, 3280387012],
            bits: [
                "0",
                "0",
                "18",
                "1819850095",
                "3445702192",
                "3280387012",
                "2175216119781798972",
                "14037279428536751483",
                "980814166729821154279298502753",
                "626679254396854454463618655532096290834392396089487158909229",
            ],
            randrange10: [2, 9, 1, 4, 1, 7, 7, 7, 6, 3],
            randrange_more: ["10", "51", "74003839952518546061", "14151560559444937093"],
            randint16: [2, 5, 1, 3, 1, 4, 4, 4, 6, 4],
            randint_big: "-6368994363780606486526442",
            choice7: [1, 4, 6, 6, 6, 0, 2, 0, 3, 6],
            shuffle20: [
                11, 5, 17, 19, 9, 0, 16, 1, 15, 6, 10, 13, 14, 12, 7, 3, 8, 2, 18, 4,
            ],
            uniform: [-1.6524916434544832, 8.152213882886949, 7.001901010928442],
        },
        Case {
            seed: "42",
            random: [
                0.6394267984578837,
                0.025010755222666936,
                0.27502931836911926,
                0.22321073814882275,
                0.7364712141640124,
            ],
            u32s: [2746317213, 478163327, 107420369, 3184935163, 1181241943],
            bits: [
                "0",
                "1",
                "3",
                "53710184",
                "3184935163",
                "1181241943",
                "2574020394472462046",
                "20337446297558147241",
                "122436551213992682217031886515",
                "371721415204207650208384240819486502432213422455262737499241",
            ],
            randrange10: [1, 0, 4, 3, 3, 2, 1, 8, 1, 9],
            randrange_more: ["45", "100", "-42931395586471966098", "10353144037217341363"],
            randint16: [6, 1, 1, 6, 3, 2, 2, 2, 6, 1],
            randint_big: "-8847280823290930130644583",
            choice7: [5, 0, 0, 5, 2, 1, 1, 1, 5, 0],
            shuffle20: [
                19, 5, 14, 4, 9, 13, 15, 18, 6, 12, 17, 10, 1, 11, 2, 16, 7, 8, 0, 3,
            ],
            uniform: [5.292118478795901, -3.1561021156883298, 0.28165312757538974],
        },
        Case {
            seed: "12345",
            random: [
                0.41661987254534116,
                0.010169169457068361,
                0.8252065092537432,
                0.2986398551995928,
                0.3684116894884757,
            ],
            u32s: [1789368711, 3146859322, 43676229, 3522623596, 3544234957],
            bits: [
                "0",
                "0",
                "23",
                "21838114",
                "3522623596",
                "7839202253",
                "15774518201988393282",
                "17188393767951940199",
                "193017900648154315564889588746",
                "1007864501491687296291658636429865771945858030857027227557049",
            ],
            randrange10: [6, 0, 4, 5, 3, 4, 9, 6, 2, 5],
            randrange_more: ["10", "9", "52390213039052613963", "3446018582270436793"],
            randint16: [4, 6, 1, 3, 3, 2, 3, 5, 4, 2],
            randint_big: "3729583018687274766296505",
            choice7: [3, 5, 0, 6, 6, 6, 2, 6, 2, 1],
            shuffle20: [
                16, 18, 3, 8, 19, 10, 7, 14, 12, 1, 5, 2, 15, 17, 4, 6, 11, 9, 0, 13,
            ],
            uniform: [2.2285232474984413, -3.3601739199653102, 7.8465895022389684],
        },
        Case {
            seed: "1099511627783",
            random: [
                0.6137037779936511,
                0.8149162973309487,
                0.9450115087592873,
                0.5703906991004561,
                0.47592409887048936,
            ],
            u32s: [2635837658, 3209733218, 3500038837, 4028389051, 4058793509],
            bits: [
                "0",
                "1",
                "23",
                "1750019418",
                "4028389051",
                "8353760805",
                "13015927955237707764",
                "23074007450937338218",
                "516315244747417527296791627633",
                "1390060569853064378563520228495521449718490148628002325808094",
            ],
            randrange10: [9, 9, 7, 4, 9, 2, 8, 6, 8, 5],
            randrange_more: ["45", "51", "-59789506661707104358", "580536565297861701"],
            randint16: [5, 6, 6, 5, 6, 4, 3, 5, 2, 5],
            randint_big: "7136940263639045966899849",
            choice7: [4, 5, 6, 5, 4, 5, 3, 2, 4, 1],
            shuffle20: [
                17, 0, 10, 3, 1, 2, 9, 12, 7, 13, 5, 11, 14, 6, 16, 4, 8, 15, 18, 19,
            ],
            uniform: [4.938426947412703, 7.705099088300544, 9.4939082454402],
        },
        Case {
            seed: "-5",
            random: [
                0.6229016948897019,
                0.7417869892607294,
                0.7951935655656966,
                0.9424502837770503,
                0.7398985747399307,
            ],
            u32s: [2675342405, 1097127993, 3185950873, 1539898300, 3415330359],
            bits: [
                "0",
                "1",
                "8",
                "1592975436",
                "1539898300",
                "7710297655",
                "15523137368101252074",
                "30474605916943154729",
                "621176375358705903768876134693",
                "256739113487846475386492225172377995234995199493312115718263",
            ],
            randrange10: [9, 4, 5, 8, 0, 7, 3, 0, 2, 1],
            randrange_more: ["38", "51", "15228930366883655936", "7529058068588108450"],
            randint16: [5, 3, 6, 3, 6, 6, 6, 5, 1, 4],
            randint_big: "-365229721697443796141961",
            choice7: [4, 2, 5, 2, 6, 5, 6, 5, 5, 4],
            shuffle20: [
                4, 9, 6, 5, 14, 17, 18, 1, 2, 15, 10, 3, 12, 7, 13, 0, 16, 11, 8, 19,
            ],
            uniform: [5.064898304733401, 6.69957110233503, 7.433911526528329],
        },
        Case {
            seed: "1000000000000000000000000000000",
            random: [
                0.9341508484568806,
                0.5253068813972436,
                0.34916701183971244,
                0.32994679328514775,
                0.1450229500585093,
            ],
            u32s: [4012147334, 2100903950, 2256175901, 532161490, 1499660927],
            bits: [
                "0",
                "1",
                "15",
                "1128087950",
                "532161490",
                "1499660927",
                "17628044379895063699",
                "15951095052875348297",
                "486062677857135827794932983811",
                "924173335571697136012532951376338230101017197814261720245624",
            ],
            randrange10: [7, 8, 1, 5, 0, 5, 2, 6, 7, 2],
            randrange_more: ["45", "16", "70250655690882357822", "9872773855549333437"],
            randint16: [4, 5, 1, 3, 1, 3, 2, 4, 4, 2],
            randint_big: "2557303550129838419832547",
            choice7: [3, 4, 0, 2, 0, 2, 1, 6, 3, 3],
            shuffle20: [
                10, 9, 18, 8, 17, 4, 1, 19, 14, 12, 13, 7, 6, 2, 5, 0, 11, 3, 16, 15,
            ],
            uniform: [9.344574166282108, 3.7229696192120993, 1.3010464127960457],
        },
    ];

    fn big(s: &str) -> BigInt {
        s.parse().unwrap()
    }

    fn seeded(s: &str) -> Mt19937 {
        Mt19937::from_int(&big(s))
    }

    #[test]
    fn python_sequences() {
        let one = BigInt::one();
        for c in CASES {
            let mut mt = seeded(c.seed);
            let got: Vec<u64> = c.random.iter().map(|_| mt.random().to_bits()).collect();
            let want: Vec<u64> = c.random.iter().map(|f| f.to_bits()).collect();
            assert_eq!(got, want, "random seed {}", c.seed);

            let mut mt = seeded(c.seed);
            let got: Vec<u32> = (0..5).map(|_| mt.genrand_u32()).collect();
            assert_eq!(got, c.u32s, "u32 seed {}", c.seed);

            let mut mt = seeded(c.seed);
            for (k, want) in [0u64, 1, 5, 31, 32, 33, 64, 65, 100, 200]
                .iter()
                .zip(c.bits)
            {
                let want: BigUint = want.parse().unwrap();
                assert_eq!(mt.getrandbits(*k), want, "bits {k} seed {}", c.seed);
            }

            let mut mt = seeded(c.seed);
            let got: Vec<u64> = (0..10)
                .map(|_| {
                    mt.randrange(&BigInt::from(10), None, &one)
                        .unwrap()
                        .to_u64()
                        .unwrap()
                })
                .collect();
            assert_eq!(got, c.randrange10, "randrange seed {}", c.seed);
            let more = [
                mt.randrange(&big("3"), Some(&big("100")), &big("7")),
                mt.randrange(&big("100"), Some(&big("3")), &big("-7")),
                mt.randrange(
                    &big("-100000000000000000000"),
                    Some(&big("100000000000000000000")),
                    &one,
                ),
                mt.randrange(&big("18446744073709551616"), None, &one),
            ];
            for (g, w) in more.into_iter().zip(c.randrange_more) {
                assert_eq!(g.unwrap(), big(w), "randrange seed {}", c.seed);
            }

            let mut mt = seeded(c.seed);
            let got: Vec<u64> = (0..10)
                .map(|_| {
                    mt.randint(&BigInt::from(1), &BigInt::from(6))
                        .unwrap()
                        .to_u64()
                        .unwrap()
                })
                .collect();
            assert_eq!(got, c.randint16, "randint seed {}", c.seed);
            let b = mt
                .randint(
                    &big("-10000000000000000000000000"),
                    &big("10000000000000000000000000"),
                )
                .unwrap();
            assert_eq!(b, big(c.randint_big), "randint seed {}", c.seed);

            let mut mt = seeded(c.seed);
            let got: Vec<usize> = (0..10).map(|_| mt.choice_index(7).unwrap()).collect();
            assert_eq!(got, c.choice7, "choice seed {}", c.seed);

            let mut mt = seeded(c.seed);
            let mut l: Vec<usize> = (0..20).collect();
            mt.shuffle(&mut l);
            assert_eq!(l, c.shuffle20, "shuffle seed {}", c.seed);
            let mut mt = seeded(c.seed);
            let mut l: Vec<usize> = (0..20).collect();
            for (i, j) in mt.shuffle_indices(20) {
                l.swap(i, j);
            }
            assert_eq!(l, c.shuffle20, "shuffle_indices seed {}", c.seed);

            let mut mt = seeded(c.seed);
            for want in c.uniform {
                assert_eq!(mt.uniform(-3.5, 10.25).to_bits(), want.to_bits());
            }
        }
    }

    // python3 -c "import random; random.seed(7); print([random.randrange(0, 2**64 + 3, 5) for _ in range(3)]); random.seed(7); print(random.getrandbits(1000) % 10**20)"
    #[test]
    fn big_ranges_and_bits() {
        let mut mt = seeded("7");
        let stop = big("18446744073709551619");
        let got: Vec<BigInt> = (0..3)
            .map(|_| {
                mt.randrange(&BigInt::zero(), Some(&stop), &big("5"))
                    .unwrap()
            })
            .collect();
        let want = [
            big("9104009946841104915"),
            big("1113409211031762320"),
            big("2170491026218537175"),
        ];
        assert_eq!(got, want);
        let mut mt = seeded("7");
        let r = mt.getrandbits(1000) % BigUint::from(10u32).pow(20);
        assert_eq!(r, "16098950821960922168".parse::<BigUint>().unwrap());
    }

    // python3 -c "import random; random.seed(3); [random.random() for _ in range(700)]; print(random.getstate()[1][-1], random.getstate()[1][0], random.random())"
    // python3 -c "import random; print(random.Random(True).random(), random.Random(2**32).random(), random.Random(2**32-1).random())"
    #[test]
    fn state_and_seed_words() {
        let mut mt = seeded("3");
        for _ in 0..700 {
            mt.random();
        }
        assert_eq!(mt.index(), 152);
        assert_eq!(mt.state_words()[0], 1472363518);
        let saved = (*mt.state_words(), mt.index());
        assert_eq!(mt.random(), 0.07205680902929257);
        let mut other = Mt19937::new_unseeded();
        other.set_state(&saved.0, saved.1).unwrap();
        assert_eq!(other.random(), 0.07205680902929257);
        assert!(other.set_state(&saved.0, 625).is_err());
        assert_eq!(seeded("1").random(), 0.13436424411240122);
        assert_eq!(seeded("4294967296").random(), 0.11299430095636409);
        assert_eq!(seeded("4294967295").random(), 0.6353574441341173);
    }

    // Messages from python3: e.g. python3 -c "import random; random.randrange(5, 5)"
    //   (5, 5)     -> empty range for randrange() (5, 5, 0)
    //   (0,), (-3,), (1, 10, -1), (10, 1, 2) -> empty range for randrange()
    //   (1, 10, 0) -> zero step for randrange()
    //   (10, 1)    -> empty range for randrange() (10, 1, -9)
    //   randint(5, 3) -> empty range for randrange() (5, 4, -1)
    //   choice([]) -> Cannot choose from an empty sequence
    #[test]
    fn errors() {
        let mut mt = seeded("0");
        let rr = |mt: &mut Mt19937, a: i64, b: Option<i64>, s: i64| {
            let b = b.map(BigInt::from);
            mt.randrange(&BigInt::from(a), b.as_ref(), &BigInt::from(s))
                .unwrap_err()
        };
        assert_eq!(
            rr(&mut mt, 5, Some(5), 1),
            "empty range for randrange() (5, 5, 0)"
        );
        assert_eq!(rr(&mut mt, 0, None, 1), "empty range for randrange()");
        assert_eq!(rr(&mut mt, -3, None, 1), "empty range for randrange()");
        assert_eq!(rr(&mut mt, 1, Some(10), 0), "zero step for randrange()");
        assert_eq!(
            rr(&mut mt, 10, Some(1), 1),
            "empty range for randrange() (10, 1, -9)"
        );
        assert_eq!(rr(&mut mt, 1, Some(10), -1), "empty range for randrange()");
        assert_eq!(rr(&mut mt, 10, Some(1), 2), "empty range for randrange()");
        assert_eq!(
            mt.randint(&BigInt::from(5), &BigInt::from(3)).unwrap_err(),
            "empty range for randrange() (5, 4, -1)"
        );
        assert_eq!(
            mt.choice_index(0).unwrap_err(),
            "Cannot choose from an empty sequence"
        );
        let before = mt.clone();
        assert_eq!(mt.randbelow_u64(0), 0);
        assert!(mt.randbelow(&BigUint::zero()).is_zero());
        assert_eq!(mt.getrandbits(0), BigUint::zero());
        assert_eq!(mt.genrand_u32(), before.clone().genrand_u32());
    }

    #[test]
    fn entropy_and_unseeded() {
        let mut a = Mt19937::new_unseeded();
        assert_eq!(a.genrand_u32(), 0);
        a.seed_from_time();
        let mut b = Mt19937::new();
        b.seed_from_entropy();
        let xs: Vec<u32> = (0..4).map(|_| a.genrand_u32()).collect();
        let ys: Vec<u32> = (0..4).map(|_| b.genrand_u32()).collect();
        assert_ne!(xs, ys);
        let r = a.random();
        assert!((0.0..1.0).contains(&r));
    }

    #[test]
    fn fast_randbelow_matches_bigint_path() {
        for n in [
            1u64,
            2,
            3,
            7,
            1 << 31,
            (1 << 32) - 1,
            1 << 32,
            (1 << 32) + 1,
            u64::MAX,
            1 << 63,
            12345678901234,
        ] {
            let mut a = seeded("99");
            let mut b = seeded("99");
            let big_n = BigUint::from(n);
            let k = big_n.bits();
            for _ in 0..50 {
                let fast = a.randbelow_u64(n);
                let slow = loop {
                    let r = b.getrandbits(k);
                    if r < big_n {
                        break r;
                    }
                };
                assert_eq!(BigUint::from(fast), slow, "n={n}");
            }
        }
    }
}
