/**
 * The 256 words used to read a card fingerprint aloud (docs/bundles.md §Fingerprints): byte value
 * n is spoken as WORDS[n]. Our own list of common, concrete English nouns that sound unlike each other
 * over a bad phone line; it is part of the format and must never be reordered or edited.
 */
export const FINGERPRINT_WORDS: readonly string[] = [
  'acid', 'acorn', 'actor', 'adobe', 'agent', 'alarm', 'album', 'alpha', 'amber', 'angel', 'ankle', 'apple',
  'april', 'arena', 'armor', 'arrow', 'aspen', 'atlas', 'attic', 'audio', 'autumn', 'avenue', 'bacon',
  'badge', 'baker', 'bamboo', 'banana', 'banjo', 'barley', 'basket', 'beach', 'beaver', 'bench', 'berry',
  'blanket', 'blossom', 'bonus', 'border', 'bottle', 'bounty', 'brave', 'bread', 'brick', 'bridge', 'bronze',
  'brush', 'bucket', 'buffalo', 'bugle', 'butter', 'cabin', 'cactus', 'camel', 'canal', 'candle', 'canoe',
  'canyon', 'carbon', 'cargo', 'carpet', 'castle', 'cattle', 'cedar', 'cello', 'chalk', 'cherry', 'chess',
  'circus', 'citrus', 'clover', 'cobra', 'cocoa', 'coffee', 'comet', 'copper', 'coral', 'cotton', 'cougar',
  'cowboy', 'crater', 'cricket', 'crystal', 'dairy', 'daisy', 'dancer', 'delta', 'desert', 'diamond',
  'dinner', 'doctor', 'dolphin', 'donkey', 'dragon', 'drama', 'eagle', 'earth', 'easel', 'echo', 'eclipse',
  'elbow', 'elder', 'engine', 'falcon', 'farmer', 'feather', 'fiddle', 'finger', 'flannel', 'flute', 'forest',
  'fossil', 'fountain', 'fox', 'frozen', 'galaxy', 'garden', 'garlic', 'gazelle', 'geyser', 'ginger',
  'giraffe', 'glacier', 'goblet', 'golf', 'gopher', 'granite', 'gravel', 'guitar', 'hammer', 'harbor',
  'harvest', 'hazel', 'helmet', 'hockey', 'honey', 'horizon', 'hotel', 'husky', 'igloo', 'indigo', 'insect',
  'island', 'ivory', 'jacket', 'jaguar', 'jasmine', 'jelly', 'jersey', 'jigsaw', 'jockey', 'juggler',
  'jungle', 'kayak', 'kernel', 'kettle', 'kingdom', 'kitten', 'koala', 'ladder', 'lagoon', 'lantern', 'laser',
  'lemon', 'lentil', 'lettuce', 'lizard', 'lobster', 'locket', 'lumber', 'magnet', 'mango', 'maple', 'marble',
  'meadow', 'melon', 'meteor', 'mirror', 'mitten', 'monsoon', 'mosaic', 'muffin', 'museum', 'mustard',
  'napkin', 'nectar', 'needle', 'noodle', 'nugget', 'oasis', 'ocean', 'olive', 'onion', 'orange', 'orbit',
  'orchid', 'otter', 'oxygen', 'paddle', 'palace', 'panda', 'parrot', 'pepper', 'piano', 'pickle', 'pilot',
  'pioneer', 'planet', 'plaza', 'pocket', 'polar', 'potato', 'pretzel', 'prism', 'pumpkin', 'puzzle',
  'quartz', 'quiver', 'rabbit', 'radar', 'raisin', 'ranger', 'raven', 'ribbon', 'rocket', 'rodeo', 'saddle',
  'safari', 'salmon', 'sandal', 'satin', 'scarlet', 'school', 'silver', 'spider', 'spinach', 'summit',
  'sunset', 'tango', 'teapot', 'tiger', 'tomato', 'tractor', 'tulip', 'tunnel', 'turtle', 'umbrella',
  'valley', 'velvet', 'violin', 'volcano', 'walnut', 'walrus', 'window', 'yogurt', 'zebra', 'zigzag',
];
